package com.reelay.discord;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock an interaction runs on: its token answers only for its lifetime, and progress moves
 * to a channel message a margin before the token dies, so the last edits never race its expiry.
 * Every deadline counts from when the interaction arrived here. Its snowflake (Discord's clock)
 * may only move that start earlier, and only when it looks plausible: up to the defer deadline
 * before arrival. A snowflake in the future, or older than Discord would still deliver, says this
 * host's clock disagrees with Discord's (common on VMs without NTP), not that the interaction is
 * old; whether it can still be acknowledged is Discord's to say, so Reelay always tries.
 *
 * @param issuedAt when the interaction began, by this host's clock
 */
record InteractionDeadlines(Instant issuedAt, Duration tokenLifetime, Duration handoffMargin) {

    static InteractionDeadlines of(Instant created, Instant received, DiscordSettings settings) {
        Duration age = Duration.between(created, received);
        boolean plausible = !age.isNegative() && age.compareTo(settings.deferDeadline()) < 0;
        return new InteractionDeadlines(plausible ? created : received, settings.interactionTokenLifetime(),
                settings.handoffMargin());
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
