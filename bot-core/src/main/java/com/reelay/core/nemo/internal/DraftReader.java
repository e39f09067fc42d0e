package com.reelay.core.nemo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.reelay.core.nemo.Segment;
import com.reelay.core.nemo.Timeline;
import com.reelay.core.nemo.Track;
import com.reelay.core.nemo.TrackKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a draft's short keys into a {@link Timeline}: {@code t} tracks, each with {@code tt} type,
 * {@code sg} segments and {@code m} metadata; a segment has {@code d} duration (ms), an optional
 * {@code s} start (absent: right after the previous segment) and {@code m} metadata. Unknown
 * fields are ignored; anything unreadable reads as absent rather than failing.
 */
public final class DraftReader {

    private DraftReader() {
    }

    public static Timeline read(JsonNode draft) {
        if (draft == null || !draft.isObject()) {
            return Timeline.empty();
        }
        List<Track> tracks = new ArrayList<>();
        JsonNode trackNodes = draft.path("t");
        if (trackNodes.isArray()) {
            for (JsonNode trackNode : trackNodes) {
                if (trackNode.isObject()) {
                    tracks.add(track(trackNode));
                }
            }
        }
        JsonNode meta = draft.path("m");
        Integer width = positive(Json.integer(meta, "width"));
        Integer height = positive(Json.integer(meta, "height"));
        return new Timeline(tracks, width, height);
    }

    private static Track track(JsonNode node) {
        Integer type = Json.integer(node, "tt");
        TrackKind kind = type == null ? TrackKind.OTHER : TrackKind.fromCode(type);
        JsonNode meta = node.path("m");
        String name = Json.text(meta, "name");
        Double volume = volume(meta.get("volume"));
        List<Segment> segments = new ArrayList<>();
        long cursor = 0;
        JsonNode segmentNodes = node.path("sg");
        if (segmentNodes.isArray()) {
            for (JsonNode seg : segmentNodes) {
                if (!seg.isObject()) {
                    continue;
                }
                Double start = Json.number(seg, "s");
                long startMs = start == null ? cursor : Math.max(0, Math.round(start));
                long durationMs = Math.max(0, Json.longOr(seg, "d", 0));
                JsonNode segMeta = seg.path("m");
                String title = firstOf(segMeta, seg, "title", "text");
                String label = firstOf(segMeta, seg, "name", "src");
                segments.add(new Segment(startMs, durationMs, title, label));
                cursor = startMs + durationMs;
            }
        }
        return new Track(kind, name, volume, segments);
    }

    /** The first of {@code fields} in the segment's metadata, else on the segment itself. */
    private static String firstOf(JsonNode meta, JsonNode segment, String... fields) {
        String value = Json.firstText(meta, fields);
        return value != null ? value : Json.firstText(segment, fields);
    }

    /**
     * A volume as 0..1: a fraction is kept, a number above 1 (or text ending in {@code %}) is a
     * percentage. Out-of-range values are clamped; anything else reads as unknown.
     */
    static Double volume(JsonNode node) {
        if (!Json.present(node)) {
            return null;
        }
        double value;
        if (node.isTextual() && node.asText().strip().endsWith("%")) {
            String digits = node.asText().strip();
            try {
                value = Double.parseDouble(digits.substring(0, digits.length() - 1).strip()) / 100.0;
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            Double number = Json.number(node);
            if (number == null) {
                return null;
            }
            value = number > 1.0 ? number / 100.0 : number;
        }
        if (Double.isNaN(value)) {
            return null;
        }
        return Math.max(0.0, Math.min(1.0, value));
    }

    private static Integer positive(Integer value) {
        return value != null && value > 0 ? value : null;
    }
}
