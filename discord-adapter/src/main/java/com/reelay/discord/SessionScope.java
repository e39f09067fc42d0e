package com.reelay.discord;

import java.util.Locale;

/** Who shares a NemoVideo project in a Discord channel. A DM always has one person, so both are the same there. */
public enum SessionScope {
    /** Everyone in the channel works on one project (the default). */
    CHANNEL,
    /** Each person has a project of their own in each channel. */
    USER_IN_CHANNEL;

    /** {@code channel} or {@code user} (as in configuration), or the constant's name. */
    public static SessionScope parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        switch (t) {
            case "channel":
                return CHANNEL;
            case "user":
            case "user_in_channel":
                return USER_IN_CHANNEL;
            default:
                throw new IllegalArgumentException("session scope must be \"channel\" or \"user\", not \"" + text + "\"");
        }
    }
}
