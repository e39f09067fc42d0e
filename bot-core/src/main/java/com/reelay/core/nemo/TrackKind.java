package com.reelay.core.nemo;

/** A draft track's type ({@code tt}): 0 video, 1 audio/music, 7 text/title. */
public enum TrackKind {
    VIDEO,
    AUDIO,
    TEXT,
    OTHER;

    public static TrackKind fromCode(int tt) {
        switch (tt) {
            case 0:
                return VIDEO;
            case 1:
                return AUDIO;
            case 7:
                return TEXT;
            default:
                return OTHER;
        }
    }
}
