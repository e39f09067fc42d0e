package com.reelay.core.store;

import java.time.Instant;

/**
 * What Reelay keeps per chat: its NemoVideo session (empty before the first request or after
 * /new), the session's language, and the last draft seen (JSON, empty if none) so the engine
 * can tell the person what an edit changed.
 */
public record ChatState(String chatKey, String sessionId, String language, String lastDraft, Instant updatedAt) {

    public ChatState {
        sessionId = sessionId == null ? "" : sessionId;
        language = language == null ? "" : language;
        lastDraft = lastDraft == null ? "" : lastDraft;
    }

    public static ChatState fresh(String chatKey, Instant now) {
        return new ChatState(chatKey, "", "", "", now);
    }

    public boolean hasSession() {
        return !sessionId.isBlank();
    }

    public ChatState withSession(String newSessionId, String newLanguage, Instant now) {
        return new ChatState(chatKey, newSessionId, newLanguage, "", now);
    }

    /** The session was lost on NemoVideo's side: the next request starts a new one. */
    public ChatState withoutSession(Instant now) {
        return new ChatState(chatKey, "", language, "", now);
    }

    public ChatState withLastDraft(String draft, Instant now) {
        return new ChatState(chatKey, sessionId, language, draft, now);
    }
}
