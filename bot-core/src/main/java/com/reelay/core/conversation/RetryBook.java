package com.reelay.core.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * Failed requests, kept for a while so their Retry button can send the same request again. In
 * memory: after a restart (or a day) the button says the request is too old, and the person
 * sends it anew. Files stay behind their platform handles, which live about as long.
 */
final class RetryBook {

    private final Cache<String, Intent> failed = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofDays(1))
            .maximumSize(50_000)
            .build();

    /** Remembers what {@code requestId} asked for; returns the id for its Retry button. */
    String remember(String requestId, Intent intent) {
        failed.put(requestId, intent);
        return requestId;
    }

    Optional<Intent> find(String requestId) {
        return Optional.ofNullable(failed.getIfPresent(requestId));
    }
}
