package com.reelay.core.nemo;

/** A NemoVideo project session. The session id is a 19-digit number kept as a string. */
public record NemoSession(String taskId, String sessionId, String userId) {
}
