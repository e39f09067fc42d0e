package com.reelay.telegram;

import org.telegram.telegrambots.meta.api.objects.ApiResponse;
import org.telegram.telegrambots.meta.api.objects.ResponseParameters;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/** The errors telegrambots raises for Bot API answers with {@code "ok":false}, as the client builds them. */
final class TelegramErrors {

    private TelegramErrors() {
    }

    static TelegramApiRequestException rateLimited(int retryAfterSeconds) {
        return error(429, "Too Many Requests: retry after " + retryAfterSeconds, new ResponseParameters(null, retryAfterSeconds));
    }

    static TelegramApiRequestException badRequest(String description) {
        return error(400, "Bad Request: " + description, null);
    }

    static TelegramApiRequestException error(int code, String description, ResponseParameters parameters) {
        ApiResponse<Object> answer = ApiResponse.builder().ok(false).errorCode(code).errorDescription(description)
                .parameters(parameters).build();
        return new TelegramApiRequestException("Error executing query", answer);
    }
}
