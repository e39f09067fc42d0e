package com.reelay.discord;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes plain text read on Discord exactly as written: markdown characters are escaped (links are
 * left intact so they stay clickable), and {@code @everyone}, {@code @here} and mention syntax are
 * defused. This is cosmetic safety on top of the real guard, empty allowed mentions: escaping
 * stops when the message would grow past its budget, so nothing is ever cut.
 */
final class DiscordMarkdown {

    private static final Pattern URL = Pattern.compile("https?://[^\\s<>]+");
    private static final Pattern MASS_MENTION = Pattern.compile("@(everyone|here)\\b", Pattern.CASE_INSENSITIVE);
    /** Formats anywhere in a line. */
    private static final String INLINE = "\\*_~`|[]";
    private static final char ZERO_WIDTH_SPACE = '\u200B';

    private DiscordMarkdown() {
    }

    /** {@code text} for a message of at most {@code budget} characters ({@code text} itself must fit). */
    static String escape(String text, int budget) {
        if (text.length() > budget) {
            throw new IllegalArgumentException("text of " + text.length() + " characters exceeds " + budget);
        }
        int[] spare = {budget - text.length()};
        String defused = defuseMassMentions(text, spare);
        StringBuilder out = new StringBuilder(defused.length() + 16);
        Matcher url = URL.matcher(defused);
        int at = 0;
        while (url.find()) {
            escapeInto(out, defused, at, url.start(), spare);
            out.append(defused, url.start(), url.end());
            at = url.end();
        }
        escapeInto(out, defused, at, defused.length(), spare);
        return out.toString();
    }

    private static String defuseMassMentions(String text, int[] spare) {
        Matcher m = MASS_MENTION.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 8);
        int at = 0;
        while (m.find() && spare[0] > 0) {
            out.append(text, at, m.start() + 1).append(ZERO_WIDTH_SPACE);
            spare[0]--;
            at = m.start() + 1;
        }
        return out.append(text, at, text.length()).toString();
    }

    private static void escapeInto(StringBuilder out, String text, int from, int to, int[] spare) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (spare[0] > 0 && needsEscape(text, i, c)) {
                out.append('\\');
                spare[0]--;
            }
            out.append(c);
        }
    }

    private static boolean needsEscape(String text, int i, char c) {
        if (INLINE.indexOf(c) >= 0) {
            return true;
        }
        if (c == '<') { // <@user>, <@&role>, <#channel>, </command:id>, <:emoji:id>, <t:timestamp>
            return i + 1 < text.length() && "@#/:at".indexOf(text.charAt(i + 1)) >= 0;
        }
        if (c == '>' || c == '#' || c == '-') { // quotes, headings, "-# small text" at the start of a line
            int j = i - 1;
            while (j >= 0 && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
                j--;
            }
            boolean lineStart = j < 0 || text.charAt(j) == '\n';
            return lineStart && (c != '-' || (i + 1 < text.length() && text.charAt(i + 1) == '#'));
        }
        return false;
    }
}
