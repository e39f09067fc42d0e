package com.reelay.core.store;

import java.time.Instant;

/**
 * One NemoVideo project (session) a chat started, kept so /projects can list and reopen it.
 * {@code title} is its first prompt (empty until one is sent); {@code lastRenderId} is the export
 * in flight or last done, {@code lastExportUrl} the link of the last one that finished (empty if none).
 */
public record Project(String chatKey, String sessionId, String language, String title, String lastRenderId,
                      String lastExportUrl, Instant createdAt, Instant updatedAt) {

    public Project {
        language = language == null ? "" : language;
        title = title == null ? "" : title;
        lastRenderId = lastRenderId == null ? "" : lastRenderId;
        lastExportUrl = lastExportUrl == null ? "" : lastExportUrl;
    }

    public static Project started(String chatKey, String sessionId, String language, Instant now) {
        return new Project(chatKey, sessionId, language, "", "", "", now, now);
    }

    public Project titled(String newTitle, Instant now) {
        return new Project(chatKey, sessionId, language, newTitle, lastRenderId, lastExportUrl, createdAt, now);
    }

    public Project rendering(String renderId, Instant now) {
        return new Project(chatKey, sessionId, language, title, renderId, lastExportUrl, createdAt, now);
    }

    public Project exported(String url, Instant now) {
        return new Project(chatKey, sessionId, language, title, lastRenderId, url, createdAt, now);
    }
}
