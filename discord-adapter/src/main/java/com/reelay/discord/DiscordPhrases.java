package com.reelay.discord;

/** What the Discord front end itself says to people (the engine says the rest). Plain text. */
final class DiscordPhrases {

    static final String STALE_BUTTON = "That button doesn't do anything any more.";
    static final String SERVER_NOT_ENABLED = "Reelay isn't enabled in this server.";

    private DiscordPhrases() {
    }

    static String downloadFailed(String name) {
        return "I couldn't download \"" + name + "\" from Discord. Please send it again.";
    }
}
