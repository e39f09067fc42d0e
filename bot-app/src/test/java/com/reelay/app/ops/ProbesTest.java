package com.reelay.app.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.store.CachingStore;
import com.reelay.core.store.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each readiness probe passes when its part works, and fails when it does not. */
class ProbesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void theStoreProbeReachesTheDatabaseNotTheCache(@TempDir Path dir) {
        SqliteStore database = SqliteStore.open(dir);
        try (CachingStore store = new CachingStore(database, 10)) {
            BooleanSupplier probe = Probes.store(store);
            assertTrue(probe.getAsBoolean(), "an open store is ready");

            database.close(); // the cache would still answer every read it has seen

            assertFalse(probe.getAsBoolean(), "a closed database is not ready");
        }
    }

    @Test
    void aPlatformIsReadyOnlyWhileItWasHeardFromWithinTheWindow() {
        AtomicReference<Instant> now = new AtomicReference<>(T0);
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        AtomicReference<Optional<Instant>> lastContact = new AtomicReference<>(Optional.empty());
        BooleanSupplier probe = Probes.heardWithin(lastContact::get, Duration.ofMinutes(2), clock);

        assertFalse(probe.getAsBoolean(), "never heard from: not ready");
        lastContact.set(Optional.of(T0));
        assertTrue(probe.getAsBoolean());
        now.set(T0.plus(Duration.ofMinutes(2)).minusMillis(1));
        assertTrue(probe.getAsBoolean());
        now.set(T0.plus(Duration.ofMinutes(2)));
        assertFalse(probe.getAsBoolean(), "silent for the whole window: not ready");
    }
}
