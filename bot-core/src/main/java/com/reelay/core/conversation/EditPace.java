package com.reelay.core.conversation;

import java.time.Duration;
import java.time.Instant;

/**
 * One chat's edit budget: at most one progress edit per interval, shared by every progress
 * message in the chat (a render and a new request can both be showing progress). Under a
 * contended platform budget the interval stretches to the chat's fair share; it comes back to
 * {@code engine.edit-interval} when the budget frees.
 */
final class EditPace {

    private final Duration interval;
    private Instant last = Instant.MIN;

    EditPace(Duration interval) {
        this.interval = interval;
    }

    /** The engine's own cadence ({@code engine.edit-interval}). */
    Duration interval() {
        return interval;
    }

    /** Takes the slot if it is free at {@code now} (returns zero), else says how long to wait. */
    synchronized Duration take(Instant now) {
        return take(now, interval);
    }

    /**
     * Like {@link #take(Instant)} with the interval stretched to {@code stretched} when that is
     * longer (the chat's fair share of a contended send budget).
     */
    synchronized Duration take(Instant now, Duration stretched) {
        Duration wait = Duration.between(now, last.plus(stretched.compareTo(interval) > 0 ? stretched : interval));
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
