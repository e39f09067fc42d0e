package com.reelay.simulator;

/** One user's credit ledger. Credits are frozen while a stream runs and deducted when it ends. */
final class Account {
    private final String userId;
    private final boolean anonymous;
    private long available;
    private long frozen;

    Account(String userId, boolean anonymous, long credits) {
        this.userId = userId;
        this.anonymous = anonymous;
        this.available = credits;
    }

    String userId() {
        return userId;
    }

    boolean anonymous() {
        return anonymous;
    }

    synchronized boolean tryFreeze(long amount) {
        if (available < amount) {
            return false;
        }
        available -= amount;
        frozen += amount;
        return true;
    }

    /** The frozen amount is spent. */
    synchronized void deduct(long amount) {
        frozen -= amount;
    }

    /** The frozen amount goes back to available (the work was abandoned). */
    synchronized void release(long amount) {
        frozen -= amount;
        available += amount;
    }

    synchronized void setAvailable(long credits) {
        available = credits;
    }

    synchronized UserSnapshot balance() {
        return new UserSnapshot(userId, anonymous, available, frozen);
    }
}
