package com.reelay.discord;

import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.send.Allowance;
import com.reelay.core.chat.send.Recipient;
import com.reelay.core.chat.send.Scheduler;
import com.reelay.core.chat.send.SendBudget;
import com.reelay.core.chat.send.SendLimits;
import com.reelay.core.chat.send.Setback;
import java.time.Duration;
import java.util.List;

/**
 * Discord's side of the bot's send budget ({@link SendBudget} decides what goes first and when).
 * JDA keeps each route's bucket from the {@code X-RateLimit-*} headers, but only reacts to the
 * global limit once Discord answered 429; the budget paces for it instead. Interaction routes
 * (answers through an interaction's token) are exempt from the global limit and go by class
 * order alone. JDA waits out and retries 429s itself, so any failure that reaches the budget is
 * final.
 */
final class DiscordLimits {

    /** Discord's global limit: 50 requests a second per bot token, on every route but the interaction routes. */
    static final Allowance GLOBAL = new Allowance("global", 50, Duration.ofSeconds(1));
    /**
     * Requests handed to JDA and not answered yet. Few enough that JDA's queues stay short, so a
     * final reply is never stuck there behind other chats' progress edits.
     */
    static final int MAX_IN_FLIGHT = 16;

    private DiscordLimits() {
    }

    static SendBudget budget(Duration margin, Scheduler scheduler) {
        return new SendBudget(ChatAddress.PLATFORM, SendLimits.of(GLOBAL, margin).withMaxInFlight(MAX_IN_FLIGHT),
                scheduler, error -> new Setback.Final());
    }

    /** Channel messages, their edits and typing: the global limit counts them. */
    static Recipient channel(ChatRef chat) {
        return new Recipient(chat.key(), List.of(GLOBAL));
    }

    /** Calls through an interaction's token. */
    static Recipient interaction(ChatRef chat) {
        return new Recipient(chat.key(), List.of());
    }
}
