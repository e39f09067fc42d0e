package com.reelay.core.chat;

import java.util.Locale;
import java.util.Optional;

/** The buttons the engine offers under its replies. */
public enum Action {
    EXPORT("Export"),
    STATUS("Status"),
    CREDITS("Credits"),
    NEW_PROJECT("New project");

    private final String label;

    Action(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The id a platform stores in its button (callback data, custom id). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Action> fromId(String id) {
        for (Action a : values()) {
            if (a.id().equals(id)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
