package com.reelay.core.nemo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.reelay.core.nemo.Credits;
import com.reelay.core.nemo.NemoSession;
import com.reelay.core.nemo.RenderState;
import com.reelay.core.nemo.RenderStatus;
import com.reelay.core.nemo.SessionState;
import com.reelay.core.nemo.UploadedFile;
import java.util.ArrayList;
import java.util.List;

/** Reads the data of each endpoint's answer into the client's records, leniently. */
public final class Answers {

    private Answers() {
    }

    /** Null when the answer carries no session id. */
    public static NemoSession session(JsonNode data) {
        String sessionId = Json.text(data, "session_id");
        if (sessionId == null || sessionId.isBlank()) {
            return null;
        }
        return new NemoSession(Json.text(data, "task_id"), sessionId, Json.text(data, "user_id"));
    }

    public static Credits credits(JsonNode data) {
        long available = Json.longOr(data, "available", 0);
        long frozen = Json.longOr(data, "frozen", 0);
        long total = Json.longOr(data, "total", available + frozen);
        return new Credits(available, frozen, total);
    }

    /** {@code state.draft} (also when sent as a JSON string), its timeline, and the media lists. */
    public static SessionState sessionState(JsonNode data) {
        JsonNode state = data != null && data.path("state").isObject() ? data.get("state") : data;
        JsonNode draft = state == null ? null : state.get("draft");
        if (draft != null && draft.isTextual()) {
            draft = Json.parse(draft.asText()).orElse(draft);
        }
        draft = Json.orNull(draft);
        return new SessionState(draft, DraftReader.read(draft),
                Json.orNull(state == null ? null : state.get("video_infos")),
                Json.orNull(state == null ? null : state.get("generated_media")));
    }

    public static List<UploadedFile> uploadedFiles(JsonNode data) {
        JsonNode files = data != null && data.isArray() ? data : data == null ? null : data.get("files");
        List<UploadedFile> result = new ArrayList<>();
        if (files == null || !files.isArray()) {
            return result;
        }
        for (JsonNode file : files) {
            result.add(new UploadedFile(Json.text(file, "filename"), Json.text(file, "file_type"),
                    Json.text(file, "cdn_url"), Json.number(file, "duration"), Json.integer(file, "width"),
                    Json.integer(file, "height"), Json.text(file, "hash")));
        }
        return result;
    }

    /**
     * A render's status: {@code outputUrl} or the older {@code output.url}; {@code progress} as
     * 0..100 (a fraction below 1 is scaled); {@code error} as text or {@code error.message}.
     */
    public static RenderStatus renderStatus(JsonNode data, String renderId) {
        String id = Json.text(data, "id");
        RenderState state = RenderState.parse(Json.text(data, "status"));
        String outputUrl = Json.firstText(data, "outputUrl", "output_url");
        JsonNode output = data == null ? null : data.get("output");
        if (outputUrl == null && output != null) {
            outputUrl = output.isTextual() ? output.asText() : Json.firstText(output, "url", "outputUrl");
        }
        String error = Json.text(data, "error");
        if (error == null && data != null && data.path("error").isObject()) {
            error = Json.firstText(data.get("error"), "message", "msg");
        }
        Double raw = Json.number(data, "progress");
        int progress;
        if (raw == null) {
            progress = state == RenderState.COMPLETED ? 100 : 0;
        } else {
            double value = raw > 0 && raw < 1 ? raw * 100 : raw;
            progress = (int) Math.max(0, Math.min(100, Math.round(value)));
        }
        return new RenderStatus(id == null || id.isBlank() ? renderId : id, state, progress, outputUrl, error);
    }
}
