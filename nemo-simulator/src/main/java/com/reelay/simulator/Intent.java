package com.reelay.simulator;

/** What the simulated agent decides a chat message asks for; each has its own cost and script. */
public enum Intent {
    /** Creates or replaces the video track ({@code generate_video_with_seedance}). */
    GENERATION,
    /** Adds or replaces the background music track ({@code generate_music}). */
    MUSIC,
    /** Adds or replaces the title track ({@code edit_multitrack}). */
    TITLE,
    /** Trims or extends the timeline ({@code edit_multitrack}). */
    EDIT,
    /** No tools: a text answer only. */
    QUESTION
}
