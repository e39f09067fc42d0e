package com.reelay.simulator;

/** A user's credits at one moment. {@code total = available + frozen}. */
public record UserSnapshot(String userId, boolean anonymous, long available, long frozen) {

    public long total() {
        return available + frozen;
    }
}
