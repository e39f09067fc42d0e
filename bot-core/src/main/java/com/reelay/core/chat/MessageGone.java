package com.reelay.core.chat;

/**
 * The message to edit is gone (deleted by someone, or too old to edit): what was meant for it
 * goes out as a new message instead.
 */
public final class MessageGone extends RuntimeException {

    public MessageGone(String why) {
        super(why, null, false, false);
    }
}
