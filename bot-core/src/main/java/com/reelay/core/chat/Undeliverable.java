package com.reelay.core.chat;

/**
 * The platform will not take messages for this chat any more: the bot was blocked or removed,
 * or the chat was deleted. Retrying cannot help, so work waiting to reach the chat ends here.
 */
public final class Undeliverable extends RuntimeException {

    public Undeliverable(String why) {
        super(why, null, false, false);
    }
}
