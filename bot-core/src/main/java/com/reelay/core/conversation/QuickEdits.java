package com.reelay.core.conversation;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.Phrasebook;
import java.util.List;
import java.util.Optional;

/**
 * The edits people ask for most, offered as buttons under a finished draft: the one place the
 * set lives. Each is a plain-language prompt for the agent, worded (like its label) in the
 * chat's language by the phrasebook ({@code quick_edit.<name>.label} and {@code .prompt}).
 */
final class QuickEdits {

    static final List<String> NAMES = List.of("vertical", "shorter", "music", "captions");

    private QuickEdits() {
    }

    static List<Action> actions() {
        return NAMES.stream().<Action>map(Action.QuickEdit::new).toList();
    }

    static String label(Phrasebook book, String name) {
        return book.phrase("quick_edit." + name + ".label");
    }

    /** The prompt a quick edit sends, or empty for a name this version does not offer. */
    static Optional<String> prompt(Phrasebook book, String name) {
        return NAMES.contains(name) ? Optional.of(book.phrase("quick_edit." + name + ".prompt")) : Optional.empty();
    }
}
