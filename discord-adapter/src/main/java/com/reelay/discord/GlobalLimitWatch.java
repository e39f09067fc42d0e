package com.reelay.discord;

import com.reelay.core.chat.send.SendBudget;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Sees every request JDA sends to Discord. Requests on global routes that did not come through
 * the send budget (JDA's own: registering commands, reopening a DM) are counted in the budget's
 * global allowance while they are out, so its pacing accounts for them. A 429 for the global limit
 * holds the allowance for its {@code Retry-After}, so the budget replans instead of sending into
 * it (JDA holds its own queue too); the budget's pacing should never let that happen.
 */
final class GlobalLimitWatch implements Interceptor {

    /** What the budget sends itself: channel messages, their edits, typing. */
    private static final Pattern PACED = Pattern.compile(".*/channels/\\d+/(messages(/\\d+)?|typing)");
    /** Interaction routes: not counted by the global limit. */
    private static final Pattern EXEMPT = Pattern.compile(".*/(interactions|webhooks)/.*");

    private final SendBudget budget;

    GlobalLimitWatch(SendBudget budget) {
        this.budget = budget;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        String path = chain.request().url().encodedPath();
        Runnable answered = PACED.matcher(path).matches() || EXEMPT.matcher(path).matches()
                ? () -> { }
                : budget.sentOutside(DiscordLimits.GLOBAL.key());
        Response response;
        try {
            response = chain.proceed(chain.request());
        } finally {
            answered.run();
        }
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
