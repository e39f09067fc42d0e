package com.reelay.core.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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
    void promptsPerHourRefillAndSayWhen() {
        GuardRails guard = new GuardRails(new GuardSettings(List.of(), List.of(), List.of(), 2, 0, 0), clock);
        assertEquals(Optional.empty(), guard.takePrompt(group, ann));
        assertEquals(Optional.empty(), guard.takePrompt(group, ann));
        String refusal = guard.takePrompt(group, ann).orElseThrow();
        assertEquals("You've sent 2 prompts in the last hour, the most this bot allows. "
                + "You can send the next one in 30 minutes (at 14:30 UTC).", refusal);
        assertEquals(Optional.empty(), guard.takePrompt(group, bob), "limits are per person");
        clock.advance(Duration.ofMinutes(30));
        assertEquals(Optional.empty(), guard.takePrompt(group, ann));
    }

    @Test
    void chatLimitAndDailyQuota() {
        GuardRails guard = new GuardRails(new GuardSettings(List.of(), List.of(), List.of("telegram:3"), 0, 1, 0), clock);
        assertEquals(Optional.empty(), guard.takePrompt(group, ann));
        assertTrue(guard.takePrompt(group, bob).orElseThrow().startsWith("This chat has sent 1 prompts in the last hour"));
        assertEquals(Optional.empty(), guard.takePrompt(group, new ChatUser("3", "Op", "")), "admins are not limited");

        GuardRails daily = new GuardRails(new GuardSettings(List.of(), List.of(), List.of(), 0, 0, 1), clock);
        assertEquals(Optional.empty(), daily.takePrompt(group, ann));
        assertEquals("You've used today's 1 prompts. You can send the next one in 24 hours (at 14:00 UTC).",
                daily.takePrompt(group, ann).orElseThrow());
    }

    @Test
    void negativeLimitsAreRejectedTogether() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new GuardSettings(List.of(), List.of(), List.of(), -1, 0, -1));
        assertEquals("prompts-per-user-per-hour must be 0 (no limit) or more; prompts-per-user-per-day must be 0 (no limit) or more",
                e.getMessage());
    }
}
