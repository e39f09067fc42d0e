package com.reelay.core.nemo;

/**
 * One segment of a track. When the draft gives no start, segments follow one another.
 * {@code title} is the text of a title segment (may be empty); {@code label} a name or source.
 */
public record Segment(long startMs, long durationMs, String title, String label) {

    public Segment {
        title = title == null ? "" : title;
        label = label == null ? "" : label;
    }

    public long endMs() {
        return startMs + durationMs;
    }
}
