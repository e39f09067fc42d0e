package com.reelay.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * Where each message the engine may edit lives now: behind an interaction's token, or in the
 * channel (also when it replaced an interaction message whose token expired, under the id the
 * engine knows). Forgotten a day after last use; a message the directory does not know is
 * treated as a channel message, which is what it is after a restart.
 */
final class MessageDirectory {

    sealed interface Place {
    }

    /** Sent through {@code interaction}'s token, editable there as {@code messageId} ({@code @original} or a follow-up id). */
    record ThroughToken(InteractionReplies interaction, String messageId) implements Place {
    }

    /**
     * A channel message; {@code messageId} differs from the engine's id once a message has moved, and
     * {@code mentionUserId} (0: none) is the person it mentioned when it took over from an interaction.
     */
    record InChannel(String messageId, long mentionUserId) implements Place {
    }

    private final Cache<String, Place> places = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofDays(1))
            .maximumSize(200_000)
            .build();

    void put(String engineId, Place place) {
        places.put(engineId, place);
    }

    Optional<Place> find(String engineId) {
        return Optional.ofNullable(places.getIfPresent(engineId));
    }
}
