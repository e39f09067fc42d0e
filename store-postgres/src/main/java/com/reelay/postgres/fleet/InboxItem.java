package com.reelay.postgres.fleet;

import java.time.Instant;

/**
 * A request as any instance received it, waiting for its chat's owner. {@code source} and
 * {@code sourceId} are the platform's own id for it ({@code telegram}, an update_id;
 * {@code discord}, an interaction id); {@code payload} is the receiver's encoding of the event.
 * {@code resumed}: an owner that is gone took it before and may have started it.
 */
public record InboxItem(long id, String source, String sourceId, String chatKey, String payload, Instant receivedAt,
                        String receivedBy, boolean resumed) {
}
