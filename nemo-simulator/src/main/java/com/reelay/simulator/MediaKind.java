package com.reelay.simulator;

/** The three kinds of media the service accepts, with the metadata the simulator reports for them. */
enum MediaKind {
    VIDEO("video", 10.0, 1920, 1080),
    IMAGE("image", 0.0, 1080, 1080),
    AUDIO("audio", 30.0, 0, 0);

    private final String wireName;
    private final double durationSeconds;
    private final int width;
    private final int height;

    MediaKind(String wireName, double durationSeconds, int width, int height) {
        this.wireName = wireName;
        this.durationSeconds = durationSeconds;
        this.width = width;
        this.height = height;
    }

    String wireName() {
        return wireName;
    }

    double durationSeconds() {
        return durationSeconds;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    boolean visual() {
        return this != AUDIO;
    }
}
