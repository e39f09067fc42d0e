package com.reelay.core.chat;

/**
 * A sentence not yet put into a language: the engine picks the chat's {@link Phrasebook} (the
 * person's language, or the one chosen with /language) and asks for the words.
 */
@FunctionalInterface
public interface Wording {

    String in(Phrasebook book);
}
