package com.reelay.core.conversation;

import com.reelay.core.chat.Button;
import com.reelay.core.chat.Capabilities;
import com.reelay.core.chat.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text that is too long for one platform message at the most natural boundary that fits:
 * a blank line, a line break, a sentence end, a space; a hard cut only when nothing else fits.
 * Never splits a surrogate pair.
 */
final class TextSplitter {

    private TextSplitter() {
    }

    /**
     * {@code text} as the platform's messages: split to its length, with {@code buttons} under the
     * last part only, and none where the platform has no buttons.
     */
    static List<Reply> replies(String text, List<Button> buttons, Capabilities platform) {
        List<String> parts = split(text, platform.maxTextLength());
        List<Button> offered = platform.buttons() ? buttons : List.of();
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            replies.add(new Reply(parts.get(i), i == parts.size() - 1 ? offered : List.of()));
        }
        return replies;
    }

    static List<String> split(String text, int maxLength) {
        List<String> parts = new ArrayList<>();
        String rest = text;
        while (rest.length() > maxLength) {
            int cut = bestCut(rest, maxLength);
            String head = rest.substring(0, cut).stripTrailing();
            if (!head.isEmpty()) {
                parts.add(head);
            }
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty() || parts.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }

    private static int bestCut(String text, int max) {
        String window = text.substring(0, max);
        int floor = max / 2; // never leave a tiny first part when a later boundary exists
        int at = window.lastIndexOf("\n\n");
        if (at >= floor) {
            return at + 2;
        }
        at = window.lastIndexOf('\n');
        if (at >= floor) {
            return at + 1;
        }
        for (int i = max - 1; i >= floor; i--) {
            char c = window.charAt(i);
            if ((c == '.' || c == '!' || c == '?' || c == '。' || c == '！' || c == '？')
                    && (i + 1 >= text.length() || Character.isWhitespace(text.charAt(i + 1)) || c > 0x2FFF)) {
                return i + 1;
            }
        }
        at = window.lastIndexOf(' ');
        if (at >= floor) {
            return at + 1;
        }
        int cut = max;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return cut;
    }
}
