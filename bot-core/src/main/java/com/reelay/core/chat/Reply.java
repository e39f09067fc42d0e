package com.reelay.core.chat;

import java.util.List;

/**
 * A message from the engine: plain text (the adapter escapes it for its platform's markup) and
 * the buttons to offer under it, already worded in the person's language. Text never exceeds
 * the platform's declared maximum. {@code urgency} tells the platform's send budget what the
 * person is waiting for; {@code toAskerOnly} marks what concerns only the person who asked (a
 * refusal of their message), which a platform that can (Discord) shows to them alone.
 */
public record Reply(String text, List<Button> buttons, Urgency urgency, boolean toAskerOnly) {

    public Reply {
        buttons = List.copyOf(buttons);
        urgency = urgency == null ? Urgency.ANSWER : urgency;
    }

    public Reply(String text, List<Button> buttons, Urgency urgency) {
        this(text, buttons, urgency, false);
    }

    /** An answer: what the person is waiting for. */
    public Reply(String text, List<Button> buttons) {
        this(text, buttons, Urgency.ANSWER, false);
    }

    public Reply as(Urgency newUrgency) {
        return new Reply(text, buttons, newUrgency, toAskerOnly);
    }

    /** The same reply, for the asker's eyes only where the platform can do that. */
    public Reply toAsker() {
        return new Reply(text, buttons, urgency, true);
    }

    /** What the buttons do, in order. */
    public List<Action> actions() {
        return buttons.stream().map(Button::action).toList();
    }

    public static Reply text(String text) {
        return new Reply(text, List.of());
    }
}
