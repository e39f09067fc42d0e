package com.reelay.core.store;

/**
 * A request noted as running ({@link ReelayStore#markRunning}). {@code progressMessageId} is the
 * platform message that shows it, once posted; {@code answer} is the final reply it handed to the
 * platform (in the engine's encoding), which may or may not have been taken. Either may be empty.
 */
public record RunningRequest(QueuedRequest request, String progressMessageId, String answer) {

    public RunningRequest {
        progressMessageId = progressMessageId == null ? "" : progressMessageId;
        answer = answer == null ? "" : answer;
    }

    public String chatKey() {
        return request.chatKey();
    }

    public String requestId() {
        return request.requestId();
    }
}
