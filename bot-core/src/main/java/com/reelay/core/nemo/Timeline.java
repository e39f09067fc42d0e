package com.reelay.core.nemo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The typed reading of a draft: its tracks in order. */
public record Timeline(List<Track> tracks, Integer width, Integer height) {

    public Timeline {
        tracks = List.copyOf(tracks);
    }

    public static Timeline empty() {
        return new Timeline(List.of(), null, null);
    }

    /**
     * Reads a draft's short keys: {@code t} tracks, {@code tt} type, {@code sg} segments with
     * {@code d} duration (ms) and optional start {@code s} (absent: segments follow each other),
     * {@code m} metadata (track {@code name}, {@code volume} as 0..1 or a percentage; segment
     * {@code title}/{@code text}, {@code name}/{@code src}; draft {@code width}/{@code height}).
     * Unknown fields are ignored; a missing or odd draft reads as empty.
     */
    public static Timeline fromDraft(JsonNode draft) {
        return com.reelay.core.nemo.internal.DraftReader.read(draft);
    }

    /** Reads a draft kept as JSON text (as the store keeps it); blank or unreadable text reads as empty. */
    public static Timeline fromDraftJson(String json) {
        if (json == null || json.isBlank()) {
            return empty();
        }
        return com.reelay.core.nemo.internal.Json.parse(json).map(Timeline::fromDraft).orElseGet(Timeline::empty);
    }

    /** A draft is worth exporting once some track has segments. */
    public boolean isExportable() {
        return tracks.stream().anyMatch(t -> !t.segments().isEmpty());
    }

    /** The end of the last segment, in milliseconds. */
    public long durationMs() {
        return tracks.stream().mapToLong(Track::endMs).max().orElse(0);
    }
}
