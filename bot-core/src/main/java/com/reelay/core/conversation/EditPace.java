package com.reelay.core.conversation;

import java.time.Duration;
import java.time.Instant;

/**
 * One chat's edit budget: at most one progress edit per interval, shared by every progress
 * message in the chat (a render and a new request can both be showing progress).
 */
final class EditPace {

    private final Duration interval;
    private Instant last = Instant.MIN;

    EditPace(Duration interval) {
        this.interval = interval;
    }

    /** Takes the slot if it is free at {@code now} (returns zero), else says how long to wait. */
    synchronized Duration take(Instant now) {
        Duration wait = Duration.between(now, last.plus(interval));
        if (wait.isNegative() || wait.isZero()) {
            last = now;
            return Duration.ZERO;
        }
        return wait;
    }

    /** A message was just posted: the next edit waits a full interval. */
    synchronized void posted(Instant now) {
        last = now;
    }
}
