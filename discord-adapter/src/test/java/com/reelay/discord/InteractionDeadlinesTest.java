package com.reelay.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.config.ConfigLoader;
import com.reelay.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Discord's 15-minute token, counted from arrival, on a clock the test moves. */
class InteractionDeadlinesTest {

    private static final Instant CREATED = Instant.parse("2026-03-01T12:00:00Z");
    private final DiscordSettings settings = DiscordSettings.defaults("test-token");
    private final MutableClock clock = new MutableClock(CREATED.plusMillis(120));

    @Test
    void aPlausibleSnowflakeStartsTheClockWhenDiscordMadeTheInteraction() {
        InteractionDeadlines d = InteractionDeadlines.of(CREATED, clock.instant(), settings);

        assertEquals(CREATED, d.issuedAt(), "120 ms on the way: the token dies 120 ms before 15 min from arrival");
        assertEquals(CREATED.plus(Duration.ofMinutes(15)), d.expiresAt());
    }

    @Test
    void aHostClockAheadOfDiscordsCountsFromArrival() {
        Instant localArrival = CREATED.plusSeconds(10); // our clock runs ten seconds fast
        InteractionDeadlines d = InteractionDeadlines.of(CREATED, localArrival, settings);

        assertEquals(localArrival, d.issuedAt());
        assertEquals(localArrival.plus(Duration.ofMinutes(14)), d.handoffAt());
    }

    @Test
    void aSnowflakeAsOldAsTheDeferDeadlineIsNotBelieved() {
        assertEquals(CREATED.plusSeconds(3), InteractionDeadlines.of(CREATED, CREATED.plusSeconds(3), settings).issuedAt());
        assertEquals(CREATED, InteractionDeadlines.of(CREATED, CREATED.plusMillis(2_999), settings).issuedAt());
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
        assertEquals(localArrival.plus(Duration.ofMinutes(15)), d.expiresAt());
    }

    @Test
    void testsShrinkTheWindows() throws Exception {
        DiscordSettings fast = ConfigLoader.load(DiscordSettings.SECTION, Map.of("DISCORD_BOT_TOKEN", "test-token",
                "DISCORD_INTERACTION_TOKEN_LIFETIME", "4s", "DISCORD_DEFER_DEADLINE", "500ms",
                "DISCORD_HANDOFF_MARGIN", "1s"));
        InteractionDeadlines d = InteractionDeadlines.of(CREATED, CREATED, fast);

        assertEquals(CREATED.plusSeconds(3), d.handoffAt());
        assertEquals(CREATED.plusSeconds(4), d.expiresAt());
    }
}
