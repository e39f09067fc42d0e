package com.reelay.core.conversation;

import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.chat.Phrasebook;
import com.reelay.core.store.ChatState;
import com.reelay.core.store.ReelayStore;
import java.util.Optional;

/**
 * Which language a chat is spoken to in: the one chosen there with /language, else the language
 * of the person who asked (Telegram's language_code, Discord's locale), else English. New
 * NemoVideo sessions are created in it as well.
 */
final class ChatLanguages {

    /** The /language choice that goes back to following each person. */
    static final String AUTO = "auto";

    private final ReelayStore store;

    ChatLanguages(ReelayStore store) {
        this.store = store;
    }

    Phrases phrases(ChatRef chat, ChatUser user) {
        return Phrases.in(chosen(chat).flatMap(Phrasebook::find).orElse(Phrasebook.of(user.languageTag())));
    }

    /** When nobody is asking (a link posted after a restart): the chosen language, else the project's. */
    Phrases phrases(ChatRef chat) {
        Optional<String> language = chosen(chat).or(() -> store.chat(chat.key()).map(ChatState::language));
        return Phrases.in(language.flatMap(Phrasebook::find).orElse(Phrasebook.english()));
    }

    Optional<String> chosen(ChatRef chat) {
        return store.chatLanguage(chat.key());
    }

    /** Keeps {@code language} (a shipped language's code) for the chat; {@link #AUTO} forgets the choice. */
    void choose(ChatRef chat, String language) {
        store.saveChatLanguage(chat.key(), language.equals(AUTO) ? "" : language);
    }

    /** The language a new NemoVideo session of this chat is created in. */
    String forSession(ChatRef chat, ChatUser user, String text) {
        return chosen(chat).map(l -> Language.forSession(l, "")).orElse(Language.forSession(user.languageTag(), text));
    }
}
