package com.reelay.core.chat;

import java.util.List;

/**
 * A message from the engine: plain text (the adapter escapes it for its platform's markup) and
 * the buttons to offer under it. Text never exceeds the platform's declared maximum.
 */
public record Reply(String text, List<Action> buttons) {

    public Reply {
        buttons = List.copyOf(buttons);
    }

    public static Reply text(String text) {
        return new Reply(text, List.of());
    }
}
