package com.reelay.core.chat;

import java.util.List;

/**
 * A message from the engine: plain text (the adapter escapes it for its platform's markup) and
 * the buttons to offer under it. Text never exceeds the platform's declared maximum.
 * {@code urgency} tells the platform's send budget what the person is waiting for.
 */
public record Reply(String text, List<Action> buttons, Urgency urgency) {

    public Reply {
        buttons = List.copyOf(buttons);
        urgency = urgency == null ? Urgency.ANSWER : urgency;
    }

    /** An answer: what the person is waiting for. */
    public Reply(String text, List<Action> buttons) {
        this(text, buttons, Urgency.ANSWER);
    }

    public Reply as(Urgency newUrgency) {
        return new Reply(text, buttons, newUrgency);
    }

    public static Reply text(String text) {
        return new Reply(text, List.of());
    }
}
