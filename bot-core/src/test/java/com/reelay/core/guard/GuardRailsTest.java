package com.reelay.core.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.store.CachingStore;
import com.reelay.core.store.SqliteStore;
import java.nio.file.Path;
import com.reelay.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardRailsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T14:00:00Z"));
    private final ChatRef group = new ChatRef("telegram", "-100");
    private final ChatUser ann = new ChatUser("1", "Ann", "en");
    private final ChatUser bob = new ChatUser("2", "Bob", "en");

    @Test
    void allowListsRefuseStrangersButNotAdmins() {
        GuardRails guard = new GuardRails(new GuardSettings(List.of("telegram:-100"), List.of("1"), List.of("discord:9"),
                0, 0, 0), clock);
        assertEquals(Optional.empty(), guard.admit(group, ann));
        assertTrue(guard.admit(group, bob).orElseThrow().startsWith("Sorry, this bot is private."));
        assertTrue(guard.admit(new ChatRef("telegram", "-200"), ann).isPresent(), "allowed person, other chat");
        assertTrue(guard.admit(new ChatRef("discord", "5"), ann).isPresent(), "telegram:-100 is not a discord chat");
        assertEquals(Optional.empty(), guard.admit(new ChatRef("discord", "5"), new ChatUser("9", "Op", "")));
    }

    @Test
    void promptsPerHourCountTheLastSixtyMinutesAndSayWhen() {
        GuardRails guard = new GuardRails(new GuardSettings(List.of(), List.of(), List.of(), 2, 0, 0), clock);
        assertEquals(Optional.empty(), guard.takePrompt(group, ann));
        clock.advance(Duration.ofMinutes(10));
        assertEquals(Optional.empty(), guard.takePrompt(group, ann));
        String refusal = guard.takePrompt(group, ann).orElseThrow();
        assertEquals("You've sent 2 prompts in the last hour, the most this bot allows. "
                + "You can send the next one in 50 minutes (at 15:00 UTC).", refusal);
        assertEquals(Optional.empty(), guard.takePrompt(group, bob), "limits are per person");
        clock.advance(Duration.ofMinutes(49));
        assertTrue(guard.takePrompt(group, ann).isPresent(), "both are still within the last hour");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(Optional.empty(), guard.takePrompt(group, ann), "the first has left the hour");
        assertTrue(guard.takePrompt(group, ann).orElseThrow().endsWith("in 10 minutes (at 15:10 UTC)."));
    }

    @Test
    void chatLimitAndDailyQuota() {
        GuardRails guard = new GuardRails(new GuardSettings(List.of(), List.of(), List.of("telegram:3"), 0, 1, 0), clock);
        assertEquals(Optional.empty(), guard.takePrompt(group, ann));
        assertTrue(guard.takePrompt(group, bob).orElseThrow().startsWith("This chat has sent 1 prompts in the last hour"));
        assertEquals(Optional.empty(), guard.takePrompt(group, new ChatUser("3", "Op", "")), "admins are not limited");

        GuardRails daily = new GuardRails(new GuardSettings(List.of(), List.of(), List.of(), 0, 0, 1), clock);
        assertEquals(Optional.empty(), daily.takePrompt(group, ann));
        assertEquals("You've sent 1 prompts in the last 24 hours, the most this bot allows. "
                + "You can send the next one in 24 hours (at 14:00 UTC).",
                daily.takePrompt(group, ann).orElseThrow());
    }

    @Test
    void negativeLimitsAreRejectedTogether() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new GuardSettings(List.of(), List.of(), List.of(), -1, 0, -1));
        assertEquals("prompts-per-user-per-hour must be 0 (no limit) or more; prompts-per-user-per-day must be 0 (no limit) or more",
                e.getMessage());
    }

    /** Greedy refill let "5 per day" pass about 10 in 24 h: a token came back every 4.8 hours. */
    @Test
    void aDailyQuotaPassesAtMostThatManyInAnyTwentyFourHours() {
        GuardRails guard = new GuardRails(new GuardSettings(List.of(), List.of(), List.of(), 0, 0, 5), clock);
        List<Instant> passed = new java.util.ArrayList<>();
        for (int minute = 0; minute < 3 * 24 * 60; minute += 20) { // someone who keeps trying for three days
            if (guard.takePrompt(group, ann).isEmpty()) {
                passed.add(clock.instant());
            }
            clock.advance(Duration.ofMinutes(20));
        }
        for (Instant start : passed) {
            long inWindow = passed.stream().filter(t -> !t.isBefore(start) && t.isBefore(start.plus(Duration.ofDays(1)))).count();
            assertTrue(inWindow <= 5, inWindow + " passed in the 24 h from " + start + ": " + passed);
        }
        assertEquals(15, passed.size(), "and the full 5 each day: " + passed);
    }

    /** A refusal by the chat's limit used to spend the person's hourly and daily allowance all the same. */
    @Test
    void aRefusedPromptCostsNothing() {
        GuardRails guard = new GuardRails(new GuardSettings(List.of(), List.of(), List.of(), 3, 1, 3), clock);
        assertEquals(Optional.empty(), guard.takePrompt(group, ann));
        for (int i = 0; i < 5; i++) {
            assertTrue(guard.takePrompt(group, ann).orElseThrow().startsWith("This chat has sent 1 prompts"));
        }
        assertEquals(Optional.empty(), guard.takePrompt(new ChatRef("telegram", "-200"), ann), "two of Ann's three are left");
        assertEquals(Optional.empty(), guard.takePrompt(new ChatRef("telegram", "-300"), ann));
        assertTrue(guard.takePrompt(new ChatRef("telegram", "-400"), ann).orElseThrow()
                .startsWith("You've sent 3 prompts in the last 24 hours"));
    }

    @Test
    void countsSurviveARestart(@TempDir Path dir) {
        GuardSettings twoPerHour = new GuardSettings(List.of(), List.of(), List.of(), 2, 0, 0);
        try (CachingStore store = new CachingStore(SqliteStore.open(dir), 10)) {
            GuardRails guard = new GuardRails(twoPerHour, clock, store);
            assertEquals(Optional.empty(), guard.takePrompt(group, ann));
            assertEquals(Optional.empty(), guard.takePrompt(group, ann));
        }
        clock.advance(Duration.ofMinutes(5));
        try (CachingStore store = new CachingStore(SqliteStore.open(dir), 10)) {
            GuardRails restarted = new GuardRails(twoPerHour, clock, store);
            assertTrue(restarted.takePrompt(group, ann).orElseThrow().endsWith("in 55 minutes (at 15:00 UTC)."));
            clock.advance(Duration.ofMinutes(55));
            assertEquals(Optional.empty(), restarted.takePrompt(group, ann));
        }
    }

    @Test
    void commandsAreCountedApartFromPromptsAndCannotFloodTheBot() {
        GuardRails guard = new GuardRails(new GuardSettings(List.of(), List.of(), List.of(), 2, 0, 0), clock);
        assertEquals(Optional.empty(), guard.takeRequest(group, ann));
        assertEquals(Optional.empty(), guard.takeRequest(group, ann));
        assertTrue(guard.takeRequest(group, ann).orElseThrow().startsWith("You've sent 2 commands in the last hour"));
        assertEquals(Optional.empty(), guard.takePrompt(group, ann), "commands do not eat into prompts");
        clock.advance(Duration.ofHours(1));
        assertEquals(Optional.empty(), guard.takeRequest(group, ann));
    }
}
