package com.reelay.core.nemo;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A session's latest state: the draft as sent by the service (exported as is) and its typed
 * reading, plus the media the session knows about.
 */
public record SessionState(JsonNode draft, Timeline timeline, JsonNode videoInfos, JsonNode generatedMedia) {
}
