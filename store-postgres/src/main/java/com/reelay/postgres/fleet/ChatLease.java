package com.reelay.postgres.fleet;

/**
 * Ownership of one chat by one instance. {@code epoch} grows with every change of owner: work
 * done under a lease checks it is still current, so an owner that was declared dead and comes
 * back cannot act on a chat another instance now runs (fencing).
 */
public record ChatLease(String chatKey, String owner, long epoch) {
}
