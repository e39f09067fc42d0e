package com.reelay.discord;

import com.reelay.core.chat.support.Futures;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;

/**
 * A failure described for the log without its message text: JDA and OkHttp messages can carry
 * request URLs, and interaction URLs contain the interaction's token. Discord's own error code
 * and meaning are safe and say what went wrong.
 */
final class FailureText {

    private FailureText() {
    }

    static String of(Throwable error) {
        Throwable cause = Futures.unwrap(error);
        if (cause instanceof ErrorResponseException e) {
            return "Discord error " + e.getErrorCode() + " (" + e.getMeaning() + ")";
        }
        if (cause instanceof MessageGone) {
            return "message gone";
        }
        return cause.getClass().getSimpleName();
    }
}
