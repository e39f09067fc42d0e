package com.reelay.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/** A copy of one session's state, as {@code GET /api/state/…/latest} would show it. */
public record SessionSnapshot(
        String sessionId,
        String taskId,
        String userId,
        String language,
        JsonNode draft,
        JsonNode videoInfos,
        JsonNode generatedMedia) {
}
