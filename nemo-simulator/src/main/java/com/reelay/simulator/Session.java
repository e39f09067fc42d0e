package com.reelay.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.function.Consumer;

/** One agent session (a project): its owner, language, timeline and media. */
final class Session {
    private final String id;
    private final String taskId;
    private final String userId;
    private final String language;
    // Guarded by this.
    private final Draft draft = new Draft();
    private final ArrayNode videoInfos = Json.array();
    private final ArrayNode generatedMedia = Json.array();
    private final Deque<String> unusedVisualUploads = new ArrayDeque<>();

    Session(String id, String taskId, String userId, String language) {
        this.id = id;
        this.taskId = taskId;
        this.userId = userId;
        this.language = language;
    }

    String id() {
        return id;
    }

    String taskId() {
        return taskId;
    }

    String userId() {
        return userId;
    }

    String language() {
        return language;
    }

    /** Chinese replies for zh, zh-CN, zh-TW…; every other language gets English. */
    boolean speaksChinese() {
        return language.toLowerCase(Locale.ROOT).startsWith("zh");
    }

    synchronized void editDraft(Consumer<Draft> change) {
        change.accept(draft);
    }

    synchronized boolean draftEmpty() {
        return draft.isEmpty();
    }

    synchronized long draftLengthMs() {
        return draft.totalMs();
    }

    synchronized void addUpload(ObjectNode info, boolean visual) {
        videoInfos.add(info);
        if (visual) {
            unusedVisualUploads.push(info.path("cdn_url").asText());
        }
    }

    /** The newest image or video upload no generation has used yet, or null. */
    synchronized String peekReference() {
        return unusedVisualUploads.peek();
    }

    synchronized void consumeReference(String cdnUrl) {
        unusedVisualUploads.remove(cdnUrl);
    }

    synchronized void addGenerated(ObjectNode media) {
        generatedMedia.add(media);
    }

    synchronized ObjectNode stateJson() {
        ObjectNode state = Json.object();
        state.set("draft", draft.toJson());
        state.set("video_infos", videoInfos.deepCopy());
        state.set("generated_media", generatedMedia.deepCopy());
        return state;
    }

    synchronized SessionSnapshot snapshot() {
        return new SessionSnapshot(id, taskId, userId, language, draft.toJson(), videoInfos.deepCopy(), generatedMedia.deepCopy());
    }
}
