package com.reelay.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void timeMovesOnlyWhenTheTestMovesIt() {
        MutableClock clock = new MutableClock(START);
        assertEquals(START, clock.instant());
        assertEquals(START, clock.instant());
        clock.advance(Duration.ofSeconds(90));
        assertEquals(START.plusSeconds(90), clock.instant());
        assertEquals(START.plusSeconds(90).toEpochMilli(), clock.millis());
        clock.set(START.minusSeconds(5));
        assertEquals(START.minusSeconds(5), clock.instant(), "set may also go back");
    }

    @Test
    void isUtcAndStaysTheSameClockInAnyZone() {
        MutableClock clock = new MutableClock();
        assertEquals(ZoneOffset.UTC, clock.getZone());
        assertSame(clock, clock.withZone(ZoneId.of("Asia/Shanghai")), "moving it moves every view of it");
    }
}
