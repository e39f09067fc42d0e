package com.reelay.core.conversation;

import com.reelay.core.chat.ChatRef;
import com.reelay.core.store.Project;
import com.reelay.core.store.ReelayStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The projects each chat started, in the store so they survive restarts: named by their first
 * prompt, with the link of their last export, for /projects to list and reopen.
 */
final class ChatProjects {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ChatProjects.class);

    /** How many /projects lists (newest first); each gets a button, and Discord allows 25 in all. */
    static final int LISTED = 10;
    private static final int TITLE_LENGTH = 60;

    private final ReelayStore store;
    private final Clock clock;

    ChatProjects(ReelayStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void started(ChatRef chat, String sessionId, String language) {
        keep(chat, () -> store.saveProject(Project.started(chat.key(), sessionId, language, clock.instant())));
    }

    /** The first prompt names the project. */
    void prompted(ChatRef chat, String sessionId, String prompt) {
        keep(chat, () -> store.project(chat.key(), sessionId).filter(p -> p.title().isBlank() && !prompt.isBlank())
                .ifPresent(p -> store.saveProject(p.titled(title(prompt), clock.instant()))));
    }

    void rendering(ChatRef chat, String sessionId, String renderId) {
        keep(chat, () -> store.project(chat.key(), sessionId)
                .ifPresent(p -> store.saveProject(p.rendering(renderId, clock.instant()))));
    }

    void exported(ChatRef chat, String renderId, String url) {
        keep(chat, () -> store.projectRendering(renderId).ifPresent(p -> store.saveProject(p.exported(url, clock.instant()))));
    }

    /** The list is a convenience: a store error here is logged and never fails the request or the export. */
    private static void keep(ChatRef chat, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            log.warn("project list not updated chat={}: {}", chat, e.toString());
        }
    }

    List<Project> list(ChatRef chat) {
        return store.projects(chat.key(), LISTED);
    }

    /** Only this chat's projects: an id from another chat finds nothing. */
    Optional<Project> find(ChatRef chat, String sessionId) {
        return store.project(chat.key(), sessionId);
    }

    private static String title(String prompt) {
        String flat = prompt.replaceAll("\\s+", " ").strip();
        return flat.codePointCount(0, flat.length()) <= TITLE_LENGTH ? flat
                : flat.substring(0, flat.offsetByCodePoints(0, TITLE_LENGTH)).strip() + "…";
    }
}
