package com.reelay.core.conversation;

/** How the engine words a timeline: the status summary and what an edit changed. Plain text. */
final class TimelinePhrases {

    private TimelinePhrases() {
    }

    static final String TIMELINE_EMPTY = "Your timeline is empty. Describe the video you want and I'll start it.";
    static final String CLIP = "clip";
    static final String MUSIC = "music";
    static final String UNTITLED = "untitled";
    static final String EMPTY_TRACK = "empty";
    static final String NO_CHANGE = "Done. The timeline looks the same as before; say \"status\" to see it.";
    static final String CHANGES_HEADING = "Done. Here's what changed:";

    static String timelineHeading(int tracks) {
        return "Timeline (" + tracks + (tracks == 1 ? " track):" : " tracks):");
    }

    static String videoTrack(String name) {
        return "Video: " + name;
    }

    static String musicTrack(String name) {
        return "BGM: " + name;
    }

    static String titleTrack(String title) {
        return "Title: \"" + title + "\"";
    }

    static String otherTrack(String name) {
        return "Track: " + name;
    }

    static String added(String track) {
        return "Added " + track;
    }

    static String removed(String track) {
        return "Removed " + track;
    }

    static String changed(String from, String to) {
        return "Changed " + from + " to " + to;
    }

    static String moved(String track, String span, String was) {
        return track + " now " + span + " (was " + was + ")";
    }

    static String volume(String track, long percent, long was) {
        return track + " volume now " + percent + "% (was " + was + "%)";
    }

    static String videoLength(String seconds) {
        return "The video is now " + seconds + "s long.";
    }
}
