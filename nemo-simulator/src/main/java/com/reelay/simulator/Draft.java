package com.reelay.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A session's timeline in the service's short-key form: {@code t} tracks, {@code tt} track type
 * (0 video, 1 audio, 7 text), {@code sg} segments with {@code s} start and {@code d} duration in ms,
 * {@code m} metadata. Not thread-safe: its {@link Session} guards it.
 */
final class Draft {
    static final int VIDEO = 0;
    static final int AUDIO = 1;
    static final int TEXT = 7;

    private final ObjectNode root = Json.object();

    Draft() {
        root.putArray("t");
    }

    /** A draft is exportable when some track has a segment. */
    static boolean hasSegments(JsonNode draft) {
        if (draft == null || !draft.path("t").isArray()) {
            return false;
        }
        for (JsonNode track : draft.path("t")) {
            if (track.path("sg").isArray() && track.path("sg").size() > 0) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return !hasSegments(root);
    }

    /** The end of the last segment, in ms. */
    long totalMs() {
        long end = 0;
        for (JsonNode track : tracks()) {
            for (JsonNode sg : track.path("sg")) {
                end = Math.max(end, sg.path("s").asLong() + sg.path("d").asLong());
            }
        }
        return end;
    }

    boolean hasTrack(int trackType) {
        for (JsonNode track : tracks()) {
            if (track.path("tt").asInt() == trackType) {
                return true;
            }
        }
        return false;
    }

    /** Replaces the first track of this type, or inserts it keeping tracks ordered by type. */
    void putTrack(int trackType, String name, ObjectNode trackMeta, ObjectNode segment) {
        ObjectNode track = Json.object().put("tt", trackType);
        ObjectNode meta = track.putObject("m").put("name", name);
        if (trackMeta != null) {
            meta.setAll(trackMeta);
        }
        track.putArray("sg").add(segment);
        ArrayNode tracks = tracks();
        for (int i = 0; i < tracks.size(); i++) {
            int tt = tracks.get(i).path("tt").asInt();
            if (tt == trackType) {
                tracks.set(i, track);
                return;
            }
            if (tt > trackType) {
                tracks.insert(i, track);
                return;
            }
        }
        tracks.add(track);
    }

    void removeTracks(int trackType) {
        ArrayNode tracks = tracks();
        for (int i = tracks.size() - 1; i >= 0; i--) {
            if (tracks.get(i).path("tt").asInt() == trackType) {
                tracks.remove(i);
            }
        }
    }

    /** Notes an instruction on every video segment, so a change the simulator cannot render still shows in the draft. */
    void noteVideoEdit(String instruction) {
        for (JsonNode track : tracks()) {
            if (track.path("tt").asInt() != VIDEO) {
                continue;
            }
            for (JsonNode sg : track.path("sg")) {
                ObjectNode meta = sg.has("m") && sg.get("m").isObject() ? (ObjectNode) sg.get("m") : ((ObjectNode) sg).putObject("m");
                (meta.has("edits") ? (ArrayNode) meta.get("edits") : meta.putArray("edits")).add(instruction);
            }
        }
    }

    void setCanvas(int width, int height) {
        root.putObject("m").put("width", width).put("height", height);
    }

    /**
     * Makes the timeline {@code targetMs} long: segments past the end are cut or dropped; when growing,
     * video and audio segments that reached the old end are stretched to the new one.
     */
    void resize(long targetMs) {
        long oldEnd = totalMs();
        for (JsonNode track : tracks()) {
            int tt = track.path("tt").asInt();
            ArrayNode segments = (ArrayNode) track.path("sg");
            for (int i = segments.size() - 1; i >= 0; i--) {
                ObjectNode sg = (ObjectNode) segments.get(i);
                long s = sg.path("s").asLong();
                long d = sg.path("d").asLong();
                if (s >= targetMs) {
                    segments.remove(i);
                } else if (s + d > targetMs || (targetMs > oldEnd && s + d == oldEnd && tt != TEXT)) {
                    sg.put("d", targetMs - s);
                }
            }
        }
    }

    ObjectNode toJson() {
        return root.deepCopy();
    }

    private ArrayNode tracks() {
        return (ArrayNode) root.get("t");
    }
}
