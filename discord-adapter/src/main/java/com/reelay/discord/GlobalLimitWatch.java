package com.reelay.discord;

import com.reelay.core.chat.send.SendBudget;
import java.io.IOException;
import java.time.Duration;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Sees every answer JDA gets from Discord: a 429 for the global limit holds the send budget's
 * global allowance for its {@code Retry-After}, so the budget replans instead of sending into it
 * (JDA holds its own queue too). The budget's pacing should never let this happen.
 */
final class GlobalLimitWatch implements Interceptor {

    private final SendBudget budget;

    GlobalLimitWatch(SendBudget budget) {
        this.budget = budget;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (response.code() == 429 && "true".equalsIgnoreCase(response.header("X-RateLimit-Global"))) {
            budget.hold(DiscordLimits.GLOBAL.key(), retryAfter(response.header("Retry-After")));
        }
        return response;
    }

    static Duration retryAfter(String header) {
        try {
            double seconds = header == null ? 1 : Double.parseDouble(header.strip());
            return Duration.ofMillis((long) Math.ceil(Math.max(0, seconds) * 1000));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }
}
