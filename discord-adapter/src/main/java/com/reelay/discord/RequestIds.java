package com.reelay.discord;

/**
 * The request ids this adapter puts on events: {@code i<interaction id>} for slash commands and
 * buttons, {@code m<message id>} for DMs and mentions. They survive a restart in the engine's
 * queue, so a later answer can still reply to the person's message.
 */
final class RequestIds {

    private RequestIds() {
    }

    static String forInteraction(long interactionId) {
        return "i" + Long.toUnsignedString(interactionId);
    }

    static String forMessage(long messageId) {
        return "m" + Long.toUnsignedString(messageId);
    }

    /** The person's message a request answers, or 0. */
    static long repliedMessage(String requestId) {
        if (requestId == null || !requestId.startsWith("m")) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(requestId.substring(1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
