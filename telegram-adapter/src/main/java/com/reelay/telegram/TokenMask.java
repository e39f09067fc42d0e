package com.reelay.telegram;

import java.util.regex.Pattern;

/**
 * The bot token sits in every Bot API URL ({@code /bot<token>/method}, {@code /file/bot<token>/…}),
 * so any URL or exception text may carry it. Everything this module logs goes through here.
 */
final class TokenMask {

    private static final Pattern TOKEN_LIKE = Pattern.compile("\\d{3,}:[A-Za-z0-9_-]{20,}");
    private static final String MASK = "<token>";

    private final String token;

    TokenMask(String token) {
        this.token = token;
    }

    String apply(String text) {
        if (text == null) {
            return "";
        }
        String masked = token.isEmpty() ? text : text.replace(token, MASK);
        return TOKEN_LIKE.matcher(masked).replaceAll(MASK);
    }

    /** The error and its causes as one line: class names and masked messages, no stack trace. */
    String describe(Throwable error) {
        StringBuilder line = new StringBuilder();
        Throwable t = error;
        for (int depth = 0; t != null && depth < 4; depth++, t = t.getCause()) {
            if (depth > 0) {
                line.append(" <- ");
            }
            line.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                line.append(": ").append(apply(t.getMessage()));
            }
        }
        return line.toString();
    }
}
