package com.reelay.discord;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock an interaction runs on: Discord drops it unless it is acknowledged within the defer
 * deadline, and its token answers only for its lifetime. Progress moves to a channel message a
 * margin before the token dies, so the last edits never race its expiry.
 *
 * @param issuedAt when the interaction began: its snowflake's time, or when it arrived if that is earlier
 *                 (a local clock behind Discord's must not stretch the deadlines)
 */
record InteractionDeadlines(Instant issuedAt, Duration deferDeadline, Duration tokenLifetime, Duration handoffMargin) {

    static InteractionDeadlines of(Instant created, Instant received, DiscordSettings settings) {
        Instant issued = created.isBefore(received) ? created : received;
        return new InteractionDeadlines(issued, settings.deferDeadline(), settings.interactionTokenLifetime(),
                settings.handoffMargin());
    }

    /** Whether an acknowledgement sent now can still reach Discord in time. */
    boolean canDefer(Instant now) {
        return now.isBefore(issuedAt.plus(deferDeadline));
    }

    /** When progress stops going through the token and moves to a channel message. */
    Instant handoffAt() {
        return expiresAt().minus(handoffMargin);
    }

    Instant expiresAt() {
        return issuedAt.plus(tokenLifetime);
    }

    boolean beforeHandoff(Instant now) {
        return now.isBefore(handoffAt());
    }

    boolean tokenAlive(Instant now) {
        return now.isBefore(expiresAt());
    }
}
