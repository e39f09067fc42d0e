package com.reelay.telegram;

import com.reelay.telegram.TelegramSettings.Rate;

/**
 * "At most N messages in any period of this length", exactly: the times of the last N sends are
 * kept, and the next send waits until the oldest of them has left the window. (A token bucket
 * would let a full bucket burst N and then refill: up to 2N in one period, which is what
 * Telegram's per-group limit of 20 a minute does not allow.)
 */
final class SendWindow {

    private final long windowNanos;
    private final long[] sentAt;
    private int count;
    private int oldest;

    SendWindow(Rate rate) {
        this.windowNanos = rate.per().toNanos();
        this.sentAt = new long[rate.messages()];
    }

    /** Nanoseconds until a send is allowed at {@code now}; 0 when it is allowed now. */
    long waitNanos(long now) {
        if (count < sentAt.length) {
            return 0;
        }
        return Math.max(0, sentAt[oldest] + windowNanos - now);
    }

    void record(long now) {
        if (count < sentAt.length) {
            sentAt[(oldest + count) % sentAt.length] = now;
            count++;
        } else {
            sentAt[oldest] = now;
            oldest = (oldest + 1) % sentAt.length;
        }
    }

    /**
     * Moves the newest send to {@code now} (never earlier): a call reaches Telegram some time after
     * it starts, and counting from its start let the next one arrive less than a period later.
     */
    void restampNewest(long now) {
        if (count == 0) {
            return;
        }
        int newest = (oldest + count - 1) % sentAt.length;
        sentAt[newest] = Math.max(sentAt[newest], now);
    }

    /** No send within the last period: this window no longer limits anything. */
    boolean isClear(long now) {
        if (count == 0) {
            return true;
        }
        long newest = sentAt[(oldest + count - 1) % sentAt.length];
        return newest + windowNanos <= now;
    }
}
