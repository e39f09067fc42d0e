package com.reelay.core.conversation;

import com.reelay.core.chat.Phrasebook;
import com.reelay.core.nemo.Timeline;
import com.reelay.core.nemo.Track;
import com.reelay.core.nemo.TrackKind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What an edit changed, for the third of edits where the agent closes its stream without a
 * word. Tracks are matched by kind and position within their kind.
 */
final class TimelineChanges {

    private TimelineChanges() {
    }

    static List<String> between(Phrases phrases, Timeline before, Timeline after) {
        Phrasebook book = phrases.book();
        List<String> changes = new ArrayList<>();
        for (TrackKind kind : TrackKind.values()) {
            List<Track> old = ofKind(before, kind);
            List<Track> now = ofKind(after, kind);
            for (int i = 0; i < Math.max(old.size(), now.size()); i++) {
                if (i >= old.size()) {
                    changes.add(book.phrase("changes.added", "track", TimelineSummary.describe(phrases, now.get(i))));
                } else if (i >= now.size()) {
                    changes.add(book.phrase("changes.removed", "track", TimelineSummary.label(phrases, old.get(i))));
                } else {
                    changed(phrases, old.get(i), now.get(i), changes);
                }
            }
        }
        return changes;
    }

    private static void changed(Phrases phrases, Track old, Track now, List<String> changes) {
        Phrasebook book = phrases.book();
        String oldLabel = TimelineSummary.label(phrases, old);
        String newLabel = TimelineSummary.label(phrases, now);
        if (!oldLabel.equals(newLabel)) {
            changes.add(book.phrase("changes.changed", "old", oldLabel, "track", TimelineSummary.describe(phrases, now)));
            return;
        }
        String oldSpan = TimelineSummary.span(phrases, old);
        String newSpan = TimelineSummary.span(phrases, now);
        if (!oldSpan.equals(newSpan) || old.segments().size() != now.segments().size()) {
            changes.add(book.phrase("changes.span", "track", newLabel, "span", newSpan, "old", oldSpan));
        }
        if (old.volume() != null && now.volume() != null && Math.round(old.volume() * 100) != Math.round(now.volume() * 100)) {
            changes.add(book.phrase("changes.volume", "track", newLabel, "volume", Math.round(now.volume() * 100),
                    "old", Math.round(old.volume() * 100)));
        }
    }

    private static List<Track> ofKind(Timeline timeline, TrackKind kind) {
        return timeline.tracks().stream().filter(t -> t.kind() == kind).collect(Collectors.toList());
    }

    /** The message for a no-text close. */
    static String describe(Phrases phrases, Timeline before, Timeline after) {
        Phrasebook book = phrases.book();
        List<String> changes = between(phrases, before, after);
        if (changes.isEmpty()) {
            return book.phrase("changes.none");
        }
        StringBuilder s = new StringBuilder(book.phrase("changes.header"));
        for (String change : changes) {
            s.append("\n• ").append(change);
        }
        long total = after.durationMs();
        if (total > 0) {
            s.append('\n').append(book.phrase("changes.length", "seconds", TimelineSummary.seconds(total)));
        }
        return s.toString();
    }
}
