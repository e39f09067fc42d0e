package com.reelay.core.conversation;

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

    static List<String> between(Timeline before, Timeline after) {
        List<String> changes = new ArrayList<>();
        for (TrackKind kind : TrackKind.values()) {
            List<Track> old = ofKind(before, kind);
            List<Track> now = ofKind(after, kind);
            for (int i = 0; i < Math.max(old.size(), now.size()); i++) {
                if (i >= old.size()) {
                    changes.add(TimelinePhrases.added(TimelineSummary.describe(now.get(i))));
                } else if (i >= now.size()) {
                    changes.add(TimelinePhrases.removed(TimelineSummary.label(old.get(i))));
                } else {
                    changed(old.get(i), now.get(i), changes);
                }
            }
        }
        return changes;
    }

    private static void changed(Track old, Track now, List<String> changes) {
        String oldLabel = TimelineSummary.label(old);
        String newLabel = TimelineSummary.label(now);
        if (!oldLabel.equals(newLabel)) {
            changes.add(TimelinePhrases.changed(oldLabel, TimelineSummary.describe(now)));
            return;
        }
        if (!TimelineSummary.span(old).equals(TimelineSummary.span(now))
                || old.segments().size() != now.segments().size()) {
            changes.add(TimelinePhrases.moved(newLabel, TimelineSummary.span(now), TimelineSummary.span(old)));
        }
        if (old.volume() != null && now.volume() != null && Math.round(old.volume() * 100) != Math.round(now.volume() * 100)) {
            changes.add(TimelinePhrases.volume(newLabel, Math.round(now.volume() * 100), Math.round(old.volume() * 100)));
        }
    }

    private static List<Track> ofKind(Timeline timeline, TrackKind kind) {
        return timeline.tracks().stream().filter(t -> t.kind() == kind).collect(Collectors.toList());
    }

    /** The message for a no-text close. */
    static String describe(Timeline before, Timeline after) {
        List<String> changes = between(before, after);
        if (changes.isEmpty()) {
            return TimelinePhrases.NO_CHANGE;
        }
        StringBuilder s = new StringBuilder(TimelinePhrases.CHANGES_HEADING);
        for (String change : changes) {
            s.append("\n• ").append(change);
        }
        long total = after.durationMs();
        if (total > 0) {
            s.append("\n").append(TimelinePhrases.videoLength(TimelineSummary.seconds(total)));
        }
        return s.toString();
    }
}
