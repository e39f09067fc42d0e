package com.reelay.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Discord's 3-second and 15-minute windows, on a clock the test moves. */
class InteractionDeadlinesTest {

    private static final Instant CREATED = Instant.parse("2026-03-01T12:00:00Z");
    private final DiscordSettings settings = DiscordSettings.defaults("test-token");
    private final MutableClock clock = new MutableClock(CREATED.plusMillis(120));

    @Test
    void anInteractionCanBeAcknowledgedForThreeSecondsFromItsCreation() {
        InteractionDeadlines d = InteractionDeadlines.of(CREATED, clock.instant(), settings);

        assertTrue(d.canDefer(clock.instant()));
        clock.set(CREATED.plusMillis(2_999));
        assertTrue(d.canDefer(clock.instant()));
        clock.set(CREATED.plusSeconds(3));
        assertFalse(d.canDefer(clock.instant()));
    }

    @Test
    void progressHandsOffAMinuteBeforeTheFifteenMinuteTokenDies() {
        InteractionDeadlines d = InteractionDeadlines.of(CREATED, clock.instant(), settings);

        assertEquals(CREATED.plus(Duration.ofMinutes(14)), d.handoffAt());
        clock.set(CREATED.plus(Duration.ofMinutes(14)).minusMillis(1));
        assertTrue(d.beforeHandoff(clock.instant()));
        clock.advance(Duration.ofMillis(1));
        assertFalse(d.beforeHandoff(clock.instant()));
        assertTrue(d.tokenAlive(clock.instant()));
        clock.set(CREATED.plus(Duration.ofMinutes(15)));
        assertFalse(d.tokenAlive(clock.instant()));
    }

    @Test
    void aLocalClockBehindDiscordsDoesNotStretchTheDeadlines() {
        Instant localArrival = CREATED.minusSeconds(2); // our clock runs two seconds slow
        InteractionDeadlines d = InteractionDeadlines.of(CREATED, localArrival, settings);

        assertEquals(localArrival, d.issuedAt());
        assertFalse(d.canDefer(localArrival.plusSeconds(3)));
    }

    @Test
    void testsShrinkTheWindows() {
        DiscordSettings fast = settings.withInteractionDeadlines(Duration.ofSeconds(4), Duration.ofMillis(500),
                Duration.ofSeconds(1));
        InteractionDeadlines d = InteractionDeadlines.of(CREATED, CREATED, fast);

        assertFalse(d.canDefer(CREATED.plusMillis(500)));
        assertEquals(CREATED.plusSeconds(3), d.handoffAt());
        assertEquals(CREATED.plusSeconds(4), d.expiresAt());
    }
}
