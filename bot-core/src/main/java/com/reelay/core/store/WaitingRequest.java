package com.reelay.core.store;

/**
 * A request stored as waiting ({@link ReelayStore#enqueue}). {@code ackMessageId} is the platform
 * message that told the person its place in line, once posted (else empty).
 */
public record WaitingRequest(QueuedRequest request, String ackMessageId) {

    public WaitingRequest {
        ackMessageId = ackMessageId == null ? "" : ackMessageId;
    }

    public long id() {
        return request.id();
    }

    public String chatKey() {
        return request.chatKey();
    }

    public String requestId() {
        return request.requestId();
    }
}
