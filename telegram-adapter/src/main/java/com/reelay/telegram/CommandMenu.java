package com.reelay.telegram;

import com.reelay.core.chat.Phrasebook;
import java.util.ArrayList;
import java.util.List;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;

/**
 * The command menu Telegram shows next to the message box: the default (English) one, then one
 * per shipped language for people whose Telegram is set to it (Telegram picks by language_code).
 * The commands are the ones the engine answers; their descriptions are {@code command.<name>}.
 */
final class CommandMenu {

    static final List<String> COMMANDS =
            List.of("video", "export", "status", "credits", "new", "projects", "language", "cancel", "help");

    private CommandMenu() {
    }

    /** The setMyCommands calls to make at start: the default menu, then each other language's. */
    static List<SetMyCommands> all() {
        List<SetMyCommands> menus = new ArrayList<>();
        menus.add(SetMyCommands.builder().commands(commands(Phrasebook.english())).build());
        for (Phrasebook book : Phrasebook.all()) {
            if (!book.language().equals(Phrasebook.DEFAULT_LANGUAGE)) {
                menus.add(SetMyCommands.builder().commands(commands(book)).languageCode(book.language()).build());
            }
        }
        return menus;
    }

    private static List<BotCommand> commands(Phrasebook book) {
        return COMMANDS.stream().map(name -> new BotCommand(name, book.phrase("command." + name))).toList();
    }
}
