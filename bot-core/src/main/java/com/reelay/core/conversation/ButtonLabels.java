package com.reelay.core.conversation;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.Button;
import com.reelay.core.chat.Phrasebook;

/** What each button says, in the chat's language (quick edits and languages name themselves). */
final class ButtonLabels {

    private ButtonLabels() {
    }

    static Button of(Phrasebook book, Action action) {
        String key;
        if (action instanceof Action.Export) {
            key = "button.export";
        } else if (action instanceof Action.Status) {
            key = "button.status";
        } else if (action instanceof Action.Credits) {
            key = "button.credits";
        } else if (action instanceof Action.NewProject) {
            key = "button.new_project";
        } else if (action instanceof Action.Projects) {
            key = "button.projects";
        } else if (action instanceof Action.ExportAnyway) {
            key = "button.export_anyway";
        } else if (action instanceof Action.KeepEditing) {
            key = "button.keep_editing";
        } else if (action instanceof Action.Retry) {
            key = "button.retry";
        } else if (action instanceof Action.QuickEdit q) {
            return new Button(QuickEdits.label(book, q.name()), action);
        } else if (action instanceof Action.ChooseLanguage c) {
            return new Button(c.language().equals(ChatLanguages.AUTO) ? book.phrase("button.language.auto")
                    : Phrasebook.of(c.language()).phrase("language.name"), action);
        } else {
            throw new IllegalArgumentException("no label for " + action);
        }
        return new Button(book.phrase(key), action);
    }
}
