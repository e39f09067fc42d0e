package com.reelay.discord;

/** Who shares a NemoVideo project in a Discord channel. A DM always has one person, so both are the same there. */
public enum SessionScope {
    /** Everyone in the channel works on one project (the default). */
    CHANNEL,
    /** Each person has a project of their own in each channel. */
    USER_IN_CHANNEL
}
