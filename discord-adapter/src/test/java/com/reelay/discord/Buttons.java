package com.reelay.discord;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.Button;
import com.reelay.core.chat.Phrasebook;
import java.util.List;

/** Buttons as the engine words them in English, for tests that build replies by hand. */
final class Buttons {

    private Buttons() {
    }

    static List<Button> of(Action... actions) {
        Phrasebook en = Phrasebook.english();
        return List.of(actions).stream().map(a -> new Button(en.phrase("button." + a.id()), a)).toList();
    }
}
