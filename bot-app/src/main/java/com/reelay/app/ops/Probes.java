package com.reelay.app.ops;

import com.reelay.core.store.ReelayStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The checks behind {@code /readyz}, each able to fail: the store answers from the database
 * itself (not its cache), and a platform counts as ready only while it was heard from recently.
 */
public final class Probes {

    private Probes() {
    }

    /** Passes while the database answers a read of its own (the cache in front is bypassed). */
    public static BooleanSupplier store(ReelayStore store) {
        return () -> {
            try {
                store.probe();
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        };
    }

    /** Passes while {@code lastContact} (a successful exchange with the platform) is less than {@code window} old. */
    public static BooleanSupplier heardWithin(Supplier<Optional<Instant>> lastContact, Duration window, Clock clock) {
        return () -> lastContact.get().map(at -> clock.instant().isBefore(at.plus(window))).orElse(false);
    }
}
