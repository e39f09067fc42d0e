package com.reelay.core.chat;

/** A button under a reply: what it says (in the person's language) and what it does. */
public record Button(String label, Action action) {

    public Button {
        if (label == null || label.isBlank() || action == null) {
            throw new IllegalArgumentException("a button needs a label and an action");
        }
    }
}
