package com.reelay.core.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.store.QueuedRequest;
import com.reelay.core.store.ReelayStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed requests, kept a day so their Retry button can send the same request again: in the
 * store, so the button works after a restart and on whichever instance of a fleet runs the chat
 * next. Files are kept in memory only (their platform handles expire; a restart asks for them
 * again). A button pressed in another chat than its request's finds nothing.
 */
final class RetryBook {

    private static final Logger log = LoggerFactory.getLogger(RetryBook.class);
    static final Duration KEPT = Duration.ofDays(1);

    private final Cache<String, LaneRequest> recent = Caffeine.newBuilder()
            .expireAfterWrite(KEPT)
            .maximumSize(50_000)
            .build();
    private final ReelayStore store;
    private final Clock clock;

    RetryBook(ReelayStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Remembers what the failed request asked for; returns the id for its Retry button. */
    String remember(LaneRequest r) {
        recent.put(r.requestId(), r);
        if (!(r.intent() instanceof Intent.Upload)) {
            Instant now = clock.instant();
            try {
                store.saveRetry(QueuedKind.encode(r, now), now.minus(KEPT));
            } catch (RuntimeException e) {
                // The button still works in this process; only a restart or a takeover loses it.
                log.warn("retry not stored chat={} request={}: {}", r.chat(), r.requestId(), e.toString());
            }
        }
        return r.requestId();
    }

    /** What {@code requestId} asked for, if it failed in {@code chat} within the last day. */
    Optional<Intent> find(ChatRef chat, String requestId) {
        LaneRequest here = recent.getIfPresent(requestId);
        if (here != null) {
            return here.chat().equals(chat) ? Optional.of(here.intent()) : Optional.empty();
        }
        try {
            return store.retry(requestId)
                    .filter(q -> q.chatKey().equals(chat.key()))
                    .filter(q -> q.queuedAt().isAfter(clock.instant().minus(KEPT)))
                    .map(QueuedKind::decode);
        } catch (RuntimeException e) {
            log.warn("retry not read chat={} request={}: {}", chat, requestId, e.toString());
            return Optional.empty();
        }
    }
}
