package com.reelay.postgres.fleet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hosts whose clocks disagree still judge heartbeats by one clock: the database's. */
class DatabaseClockTest {

    private final FleetRig rig = new FleetRig();

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void aHostAnHourAheadStillTellsTheDatabasesTime() {
        MutableClock skewed = new MutableClock(Instant.now().plus(Duration.ofHours(1)));
        DatabaseClock clock = new DatabaseClock(rig.database(), skewed, Duration.ofMinutes(1));
        long skew = Math.abs(clock.millis() - System.currentTimeMillis()); // the test's database runs on this host
        assertTrue(skew < 2_000, "off by " + skew + " ms");
        skewed.advance(Duration.ofSeconds(5)); // the host's clock still ticks between looks at the database
        long later = clock.millis() - System.currentTimeMillis();
        assertTrue(Math.abs(later - 5_000) < 2_000, "moves with the host's clock between syncs: " + later);
    }
}
