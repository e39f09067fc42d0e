package com.reelay.core.store;

import java.time.Instant;

/**
 * A request waiting for its chat's turn, in a form that survives a restart. {@code kind} and
 * {@code payload} are the engine's own encoding of what was asked; {@code id} is 0 until stored.
 */
public record QueuedRequest(long id, String chatKey, String userId, String userName, String languageTag,
                            String requestId, String kind, String payload, Instant queuedAt) {

    public QueuedRequest withId(long newId) {
        return new QueuedRequest(newId, chatKey, userId, userName, languageTag, requestId, kind, payload, queuedAt);
    }
}
