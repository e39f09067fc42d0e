package com.reelay.core.nemo;

/** A credit balance: {@code frozen} is held by work in progress. */
public record Credits(long available, long frozen, long total) {
}
