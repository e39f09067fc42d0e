package com.reelay.core.chat;

/**
 * The engine could not take an event (its store failed while admitting it). Nothing of it was
 * kept: a front end whose platform redelivers (a Telegram webhook answered 500) lets it come again.
 */
public final class NotTaken extends RuntimeException {

    public NotTaken(String why, Throwable cause) {
        super(why, cause);
    }
}
