package com.reelay.core.nemo;

import java.util.List;

/**
 * One track of a draft. {@code name} is the track's name from its metadata (may be empty);
 * {@code volume} is 0..1 for audio tracks when the draft says so.
 */
public record Track(TrackKind kind, String name, Double volume, List<Segment> segments) {

    public Track {
        name = name == null ? "" : name;
        segments = List.copyOf(segments);
    }

    public long startMs() {
        return segments.stream().mapToLong(Segment::startMs).min().orElse(0);
    }

    public long endMs() {
        return segments.stream().mapToLong(Segment::endMs).max().orElse(0);
    }
}
