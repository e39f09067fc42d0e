package com.reelay.core.chat;

/**
 * What a platform can do, so the engine adapts instead of knowing platforms.
 *
 * @param maxTextLength  longest message text (Telegram 4096, Discord 2000)
 * @param canEdit        whether sent messages can be edited in place
 * @param buttons        whether replies can carry buttons
 * @param maxUploadBytes largest file the bot may send back (0: links only)
 */
public record Capabilities(int maxTextLength, boolean canEdit, boolean buttons, long maxUploadBytes) {

    public Capabilities {
        if (maxTextLength < 100) {
            throw new IllegalArgumentException("maxTextLength too small: " + maxTextLength);
        }
    }
}
