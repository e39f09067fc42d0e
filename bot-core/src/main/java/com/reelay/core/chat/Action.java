package com.reelay.core.chat;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a button under one of the engine's replies does. Some carry a payload (which request to
 * retry, which project to open). {@link #id()} is what a platform stores in the button (Telegram's
 * callback data, at most 64 bytes; Discord's custom id, at most 100 characters) and
 * {@link #fromId} reads it back; payloads are short, printable and never secret.
 */
public sealed interface Action {

    Action EXPORT = new Export();
    Action STATUS = new Status();
    Action CREDITS = new Credits();
    Action NEW_PROJECT = new NewProject();
    Action PROJECTS = new Projects();
    Action EXPORT_ANYWAY = new ExportAnyway();
    Action KEEP_EDITING = new KeepEditing();

    /** Render the project and post the link. */
    record Export() implements Action {
        @Override
        public String id() {
            return "export";
        }
    }

    record Status() implements Action {
        @Override
        public String id() {
            return "status";
        }
    }

    record Credits() implements Action {
        @Override
        public String id() {
            return "credits";
        }
    }

    record NewProject() implements Action {
        @Override
        public String id() {
            return "new_project";
        }
    }

    /** List this chat's projects. */
    record Projects() implements Action {
        @Override
        public String id() {
            return "projects";
        }
    }

    /** Export although the balance looked low. */
    record ExportAnyway() implements Action {
        @Override
        public String id() {
            return "export_anyway";
        }
    }

    /** Don't export after all (the answer to a low-balance warning). */
    record KeepEditing() implements Action {
        @Override
        public String id() {
            return "keep_editing";
        }
    }

    /** Send the failed request {@code requestId} again. */
    record Retry(String requestId) implements Action {
        public Retry {
            requestId = checked(requestId);
        }

        @Override
        public String id() {
            return "retry:" + requestId;
        }
    }

    /** One of the engine's quick edits of a finished draft, by its name. */
    record QuickEdit(String name) implements Action {
        public QuickEdit {
            name = checked(name);
        }

        @Override
        public String id() {
            return "edit:" + name;
        }
    }

    /** Make project {@code projectId} the chat's current one again. */
    record OpenProject(String projectId) implements Action {
        public OpenProject {
            projectId = checked(projectId);
        }

        @Override
        public String id() {
            return "open:" + projectId;
        }
    }

    /** Speak {@code language} (an ISO 639 code, or {@code auto} for the platform's) in this chat. */
    record ChooseLanguage(String language) implements Action {
        public ChooseLanguage {
            language = checked(language);
        }

        @Override
        public String id() {
            return "lang:" + language;
        }
    }

    /** The id a platform stores in its button (callback data, custom id). */
    String id();

    /** The action a stored id names; empty for ids from other bots or older versions. */
    static Optional<Action> fromId(String id) {
        if (id == null || id.length() > MAX_ID) {
            return Optional.empty();
        }
        for (Action a : new Action[] {EXPORT, STATUS, CREDITS, NEW_PROJECT, PROJECTS, EXPORT_ANYWAY, KEEP_EDITING}) {
            if (a.id().equals(id)) {
                return Optional.of(a);
            }
        }
        int colon = id.indexOf(':');
        if (colon < 0 || !PAYLOAD.matcher(id.substring(colon + 1)).matches()) {
            return Optional.empty();
        }
        String payload = id.substring(colon + 1);
        switch (id.substring(0, colon)) {
            case "retry":
                return Optional.of(new Retry(payload));
            case "edit":
                return Optional.of(new QuickEdit(payload));
            case "open":
                return Optional.of(new OpenProject(payload));
            case "lang":
                return Optional.of(new ChooseLanguage(payload));
            default:
                return Optional.empty();
        }
    }

    /** Telegram's callback data holds 64 bytes; payloads are ASCII, so characters are bytes. */
    int MAX_ID = 64;
    Pattern PAYLOAD = Pattern.compile("[A-Za-z0-9_.:-]{1,56}");

    /** Whether {@code text} can ride in a button (short, printable ASCII, nothing that needs escaping). */
    static boolean isPayload(String text) {
        return text != null && PAYLOAD.matcher(text).matches();
    }

    private static String checked(String payload) {
        if (!isPayload(payload)) {
            throw new IllegalArgumentException("not a button payload: " + payload);
        }
        return payload;
    }
}
