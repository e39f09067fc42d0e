package com.reelay.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move by hand, for token expiry and render progress. */
public final class AdjustableClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public AdjustableClock(Instant start) {
        this(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    private AdjustableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    public static AdjustableClock startingNow() {
        return new AdjustableClock(Instant.now());
    }

    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** Shares this clock's time; only the zone differs. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new AdjustableClock(now, zone);
    }
}
