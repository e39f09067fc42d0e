package com.reelay.core.nemo.internal;

import com.reelay.core.nemo.NemoAuth;
import com.reelay.core.nemo.NemoException;
import com.reelay.core.nemo.NemoSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The one table that turns a {@link ServiceError} into the typed {@link NemoException} the engine
 * acts on. Recovery (token refresh, waiting out a 429, retrying a 5xx) happens before this, in
 * {@link NemoHttp} and {@link ChatCall}; what reaches here is final.
 */
public final class ErrorMapping {

    /** Where an anonymous identity registers to keep its work when its free credits run out. */
    public static final String REGISTER_URL = "https://nemovideo.com/register?bind=";

    private final NemoSettings settings;

    public ErrorMapping(NemoSettings settings) {
        this.settings = settings;
    }

    /**
     * @param where        {@code METHOD /path} of the call, for the message
     * @param startFailure true where an unknown refusal means "the job did not start" (render submit)
     */
    public NemoException toException(ServiceError error, String where, NemoAuth auth, boolean startFailure) {
        String message = describe(where, error, auth);
        if (error.isTokenRejection()) {
            return new NemoException.TokenRejected(message);
        }
        if (error.isRateLimit()) {
            return new NemoException.RateLimited(message, rateLimitWait(error.retryAfter()), error.retryAfter());
        }
        switch (error.code()) {
            case 1002:
                return new NemoException.SessionNotFound(message);
            case 2001:
                return new NemoException.OutOfCredits(message, registrationUrl(error, auth));
            case 4001:
                return new NemoException.UnsupportedFile(message);
            case 4002:
            case 413:
                return new NemoException.FileTooLarge(message);
            case 402:
                return new NemoException.ExportNotAllowed(message);
            case 400:
                return new NemoException.BadRequest(400, message);
            default:
                break;
        }
        if (error.isServerFailure()) {
            return new NemoException.Unavailable(error.httpStatus(), message, null);
        }
        return startFailure
                ? new NemoException.AgentFailed(error.code(), message)
                : new NemoException.Unexpected(error.code(), message);
    }

    /** How long to wait after a 429: what the service said, else the configured wait; never over the cap. */
    public Duration rateLimitWait(Duration retryAfter) {
        Duration wait = retryAfter != null ? retryAfter : settings.rateLimitWait();
        if (wait.isNegative()) {
            wait = Duration.ZERO;
        }
        return wait.compareTo(settings.maxRateLimitWait()) > 0 ? settings.maxRateLimitWait() : wait;
    }

    /** {@code "GET /api/x: code 1002 (session not found)"}, with the service's words redacted. */
    public static String describe(String where, ServiceError error, NemoAuth auth) {
        String said = Redaction.clean(error.message(), auth);
        String status = error.httpStatus() != 0 && error.httpStatus() != error.code() && error.httpStatus() != 200
                ? " (HTTP " + error.httpStatus() + ")" : "";
        return where + ": code " + error.code() + status + (said.isEmpty() ? "" : ": " + said);
    }

    private static String registrationUrl(ServiceError error, NemoAuth auth) {
        if (auth == null || !auth.isAnonymous()) {
            return null;
        }
        String given = Json.firstText(error.data(), "registration_url", "registrationUrl", "register_url");
        if (given != null) {
            return given;
        }
        return auth.bindId()
                .map(id -> REGISTER_URL + URLEncoder.encode(id, StandardCharsets.UTF_8))
                .orElse(null);
    }
}
