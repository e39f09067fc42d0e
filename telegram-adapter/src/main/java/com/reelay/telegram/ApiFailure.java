package com.reelay.telegram;

import com.reelay.core.chat.MessageGone;
import com.reelay.core.chat.Undeliverable;
import com.reelay.core.chat.support.Futures;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * What a failed Bot API call means for the outbox, read from the error Telegram answered
 * ({@code error_code}, {@code description}, {@code parameters.retry_after}) or from the transport.
 */
record ApiFailure(Kind kind, int code, String description, Duration retryAfter) {

    enum Kind {
        /** 429: wait {@code retryAfter}, then send the same call again. */
        RATE_LIMITED,
        /** Editing to the content the message already has: the person sees what we wanted. */
        NOT_MODIFIED,
        /** The HTML did not parse; the text can still go out without markup. */
        BAD_MARKUP,
        /** getFile refused: over the Bot API's download limit. */
        FILE_TOO_BIG,
        /** The exported video is over the upload limit: the caller sends its link instead. */
        VIDEO_TOO_LARGE,
        /** Network trouble or a 5xx: worth another try. */
        TRANSIENT,
        /** Anything else (blocked by the user, chat not found, bad request): retrying won't help. */
        PERMANENT
    }

    private static final Pattern RETRY_AFTER_TEXT = Pattern.compile("retry after (\\d+)");

    static ApiFailure of(Throwable error) {
        Throwable t = Futures.unwrap(error);
        if (t instanceof TelegramApiRequestException e && e.getErrorCode() != null && e.getErrorCode() != 0) {
            int code = e.getErrorCode();
            String description = e.getApiResponse() == null ? "" : e.getApiResponse();
            String lower = description.toLowerCase(Locale.ROOT);
            if (code == 429) {
                return new ApiFailure(Kind.RATE_LIMITED, code, description, retryAfter(e, lower));
            }
            if (lower.contains("message is not modified")) {
                return new ApiFailure(Kind.NOT_MODIFIED, code, description, Duration.ZERO);
            }
            if (lower.contains("can't parse entities")) {
                return new ApiFailure(Kind.BAD_MARKUP, code, description, Duration.ZERO);
            }
            if (lower.contains("file is too big")) {
                return new ApiFailure(Kind.FILE_TOO_BIG, code, description, Duration.ZERO);
            }
            return new ApiFailure(code >= 500 ? Kind.TRANSIENT : Kind.PERMANENT, code, description, Duration.ZERO);
        }
        if (t instanceof BotApi.VideoTooLarge) {
            return new ApiFailure(Kind.VIDEO_TOO_LARGE, 0, t.getMessage(), Duration.ZERO);
        }
        if (t instanceof IOException || t.getCause() instanceof IOException) {
            // Includes an answer that wasn't Bot API JSON at all, e.g. a proxy's 502 page.
            return new ApiFailure(Kind.TRANSIENT, 0, t.getClass().getSimpleName(), Duration.ZERO);
        }
        return new ApiFailure(Kind.PERMANENT, 0, t.getClass().getSimpleName(), Duration.ZERO);
    }

    /**
     * What the engine should know of a failed call, in the port's terms: a chat that will take
     * nothing more ({@link Undeliverable}), a message that can no longer be edited
     * ({@link MessageGone}), or the failure itself.
     */
    static Throwable forEngine(Throwable error) {
        ApiFailure failure = of(error);
        String lower = failure.description().toLowerCase(Locale.ROOT);
        if (failure.code() == 403 || (failure.code() == 400 && (lower.contains("chat not found")
                || lower.contains("user is deactivated") || lower.contains("bot was kicked")
                || lower.contains("not enough rights to send")))) {
            return new Undeliverable("Telegram " + failure.code() + ": " + failure.description());
        }
        if (failure.code() == 400 && (lower.contains("message to edit not found") || lower.contains("message can't be edited"))) {
            return new MessageGone("Telegram 400: " + failure.description());
        }
        return Futures.unwrap(error);
    }

    private static Duration retryAfter(TelegramApiRequestException e, String description) {
        if (e.getParameters() != null && e.getParameters().getRetryAfter() != null) {
            return Duration.ofSeconds(Math.max(1, e.getParameters().getRetryAfter()));
        }
        Matcher m = RETRY_AFTER_TEXT.matcher(description);
        return Duration.ofSeconds(m.find() ? Math.max(1, Long.parseLong(m.group(1))) : 1);
    }
}
