package com.reelay.core.conversation;

import com.reelay.core.nemo.Segment;
import com.reelay.core.nemo.Timeline;
import com.reelay.core.nemo.Track;
import com.reelay.core.nemo.TrackKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The timeline in words a person reads in a chat:
 * {@code Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) …},
 * one track per line, in the chat's language.
 */
final class TimelineSummary {

    private TimelineSummary() {
    }

    static String of(Phrases phrases, Timeline timeline) {
        if (timeline.tracks().isEmpty()) {
            return phrases.book().phrase("timeline.empty");
        }
        List<String> lines = new ArrayList<>();
        lines.add(phrases.book().phrase("timeline.header", "tracks", timeline.tracks().size()));
        int i = 1;
        for (Track track : timeline.tracks()) {
            lines.add(i++ + ". " + describe(phrases, track));
        }
        return String.join("\n", lines);
    }

    /** "Video: city timelapse (0-10s)", "BGM: Lo-fi (0-10s, 35%)", "Title: "Urban Dreams" (0-3s)". */
    static String describe(Phrases phrases, Track track) {
        StringBuilder s = new StringBuilder(label(phrases, track));
        s.append(" (").append(span(phrases, track));
        if (track.volume() != null && track.kind() == TrackKind.AUDIO) {
            s.append(", ").append(Math.round(track.volume() * 100)).append('%');
        }
        return s.append(')').toString();
    }

    static String label(Phrases phrases, Track track) {
        var book = phrases.book();
        switch (track.kind()) {
            case VIDEO:
                return book.phrase("timeline.video", "name", nameOr(track, firstLabel(track, book.phrase("timeline.unnamed.video"))));
            case AUDIO:
                return book.phrase("timeline.music", "name", nameOr(track, firstLabel(track, book.phrase("timeline.unnamed.music"))));
            case TEXT:
                String title = track.segments().stream().map(Segment::title).filter(t -> !t.isBlank()).findFirst()
                        .orElse(track.name());
                return book.phrase("timeline.title", "title", title);
            default:
                return book.phrase("timeline.other", "name", nameOr(track, book.phrase("timeline.unnamed.other")));
        }
    }

    static String span(Phrases phrases, Track track) {
        if (track.segments().isEmpty()) {
            return phrases.book().phrase("timeline.span.empty");
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
