package com.reelay.telegram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;

/**
 * Telegram's HTML parse mode as the fake Bot API applies it: the supported tags, the four named
 * entities and numeric ones; anything else is "can't parse entities", as Telegram answers.
 * Returns the text a person would see.
 */
final class TelegramHtml {

    static final class ParseError extends Exception {
        ParseError(String message) {
            super(message);
        }
    }

    private static final Set<String> TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span",
            "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji");
    private static final Map<String, String> ENTITIES = Map.of("lt", "<", "gt", ">", "amp", "&", "quot", "\"");

    private TelegramHtml() {
    }

    static String visibleText(String html) throws ParseError {
        StringBuilder out = new StringBuilder();
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i);
                if (end < 0) {
                    throw error("Unexpected end of name token", html, i);
                }
                String tag = html.substring(i + 1, end).strip();
                boolean closing = tag.startsWith("/");
                String name = (closing ? tag.substring(1) : tag).split("\\s+", 2)[0].toLowerCase(java.util.Locale.ROOT);
                if (name.isEmpty() || !TAGS.contains(name)) {
                    throw error("Unsupported " + (closing ? "end" : "start") + " tag \"" + name + "\"", html, i);
                }
                if (closing) {
                    if (open.isEmpty() || !open.peek().equals(name)) {
                        throw error("Unmatched end tag \"" + name + "\"", html, i);
                    }
                    open.pop();
                } else {
                    open.push(name);
                }
                i = end + 1;
            } else if (c == '&') {
                int semi = html.indexOf(';', i);
                String name = semi < 0 ? "" : html.substring(i + 1, semi);
                String decoded = decode(name);
                if (decoded == null) {
                    throw error("Character '&' is reserved and must be escaped as \"&amp;\"", html, i);
                }
                out.append(decoded);
                i = semi + 1;
            } else if (c == '>') {
                throw error("Character '>' is reserved and must be escaped as \"&gt;\"", html, i);
            } else {
                out.append(c);
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw new ParseError("Can't find end tag corresponding to start tag \"" + open.peek() + "\"");
        }
        return out.toString();
    }

    private static String decode(String name) {
        if (ENTITIES.containsKey(name)) {
            return ENTITIES.get(name);
        }
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                return new String(Character.toChars(Integer.parseInt(name.substring(2), 16)));
            }
            if (name.startsWith("#")) {
                return new String(Character.toChars(Integer.parseInt(name.substring(1))));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    private static ParseError error(String what, String html, int charIndex) {
        int byteOffset = html.substring(0, charIndex).getBytes(StandardCharsets.UTF_8).length;
        return new ParseError(what + " at byte offset " + byteOffset);
    }
}
