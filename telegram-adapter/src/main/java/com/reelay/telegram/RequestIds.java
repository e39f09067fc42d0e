package com.reelay.telegram;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Request ids for what people send: {@code tg-<chat>-<message>} for a message (so an answer can
 * quote it), {@code tg-<chat>-q<query>} for a button press. Unique per chat, readable in logs.
 */
final class RequestIds {

    private static final Pattern MESSAGE = Pattern.compile("tg-(-?\\d+)-(\\d+)");

    private RequestIds() {
    }

    static String forMessage(long chatId, int messageId) {
        return "tg-" + chatId + "-" + messageId;
    }

    static String forButton(long chatId, String callbackQueryId) {
        return "tg-" + chatId + "-q" + callbackQueryId;
    }

    /** The person's message a request id names, if it names one in {@code chatId}. */
    static Optional<Integer> messageOf(String requestId, String chatId) {
        if (requestId == null) {
            return Optional.empty();
        }
        Matcher m = MESSAGE.matcher(requestId);
        if (!m.matches() || !m.group(1).equals(chatId)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(m.group(2)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
