package com.reelay.core.conversation;

import com.reelay.core.nemo.Segment;
import com.reelay.core.nemo.Timeline;
import com.reelay.core.nemo.Track;
import java.util.ArrayList;
import java.util.List;

/**
 * The timeline in words a person reads in a chat:
 * {@code Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) …},
 * one track per line.
 */
final class TimelineSummary {

    private TimelineSummary() {
    }

    static String of(Timeline timeline) {
        if (timeline.tracks().isEmpty()) {
            return TimelinePhrases.TIMELINE_EMPTY;
        }
        List<String> lines = new ArrayList<>();
        int n = timeline.tracks().size();
        lines.add(TimelinePhrases.timelineHeading(n));
        int i = 1;
        for (Track track : timeline.tracks()) {
            lines.add(i++ + ". " + describe(track));
        }
        return String.join("\n", lines);
    }

    /** "Video: city timelapse (0-10s)", "BGM: Lo-fi (0-10s, 35%)", "Title: "Urban Dreams" (0-3s)". */
    static String describe(Track track) {
        StringBuilder s = new StringBuilder(label(track));
        s.append(" (").append(span(track));
        if (track.volume() != null && track.kind() == com.reelay.core.nemo.TrackKind.AUDIO) {
            s.append(", ").append(Math.round(track.volume() * 100)).append('%');
        }
        return s.append(')').toString();
    }

    static String label(Track track) {
        switch (track.kind()) {
            case VIDEO:
                return TimelinePhrases.videoTrack(nameOr(track, firstLabel(track, TimelinePhrases.CLIP)));
            case AUDIO:
                return TimelinePhrases.musicTrack(nameOr(track, firstLabel(track, TimelinePhrases.MUSIC)));
            case TEXT:
                String title = track.segments().stream().map(Segment::title).filter(t -> !t.isBlank()).findFirst()
                        .orElse(track.name());
                return TimelinePhrases.titleTrack(title);
            default:
                return TimelinePhrases.otherTrack(nameOr(track, TimelinePhrases.UNTITLED));
        }
    }

    static String span(Track track) {
        if (track.segments().isEmpty()) {
            return TimelinePhrases.EMPTY_TRACK;
        }
        return seconds(track.startMs()) + "-" + seconds(track.endMs()) + "s";
    }

    /** 10000 → "10", 2500 → "2.5". */
    static String seconds(long ms) {
        if (ms % 1000 == 0) {
            return Long.toString(ms / 1000);
        }
        return String.format(java.util.Locale.ROOT, "%.1f", ms / 1000.0);
    }

    private static String nameOr(Track track, String fallback) {
        return track.name().isBlank() ? fallback : track.name();
    }

    private static String firstLabel(Track track, String fallback) {
        return track.segments().stream().map(Segment::label).filter(l -> !l.isBlank()).findFirst().orElse(fallback);
    }
}
