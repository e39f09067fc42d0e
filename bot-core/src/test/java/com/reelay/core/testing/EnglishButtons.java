package com.reelay.core.testing;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.Button;
import com.reelay.core.chat.Phrasebook;
import java.util.List;

/** Buttons as the engine words them in English, for tests that build replies by hand. */
public final class EnglishButtons {

    private EnglishButtons() {
    }

    public static List<Button> of(Action... actions) {
        Phrasebook en = Phrasebook.english();
        return List.of(actions).stream().map(a -> new Button(en.phrase("button." + a.id()), a)).toList();
    }
}
