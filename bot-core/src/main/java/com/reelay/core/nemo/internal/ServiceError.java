package com.reelay.core.nemo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;

/**
 * An error the service answered with, before it is turned into a {@link com.reelay.core.nemo.NemoException}.
 *
 * @param code       the service's code (1001, 2001, …) when the body carried one, else the HTTP status
 * @param httpStatus the HTTP status of the answer
 * @param message    the service's short message (may be empty; never shown unredacted)
 * @param data       the error's {@code data}, or JSON null
 * @param retryAfter the {@code Retry-After} the answer carried, or null
 */
public record ServiceError(int code, int httpStatus, String message, JsonNode data, Duration retryAfter) {

    /** Codes that mean the same whatever HTTP status they come with. */
    static final Set<Integer> SERVICE_CODES = Set.of(1001, 1002, 2001, 4001, 4002);

    public ServiceError {
        message = message == null ? "" : message;
        data = Json.orNull(data);
    }

    public ServiceError withRetryAfter(Duration wait) {
        return new ServiceError(code, httpStatus, message, data, wait);
    }

    /** 1001 or HTTP 401: get a new token (anonymous) and try once more. */
    public boolean isTokenRejection() {
        return code == 1001 || (httpStatus == 401 && !SERVICE_CODES.contains(code));
    }

    public boolean isRateLimit() {
        return code == 429 || (httpStatus == 429 && !SERVICE_CODES.contains(code));
    }

    /** HTTP 5xx without a service code the client knows: worth retrying when the call is idempotent. */
    public boolean isServerFailure() {
        return httpStatus >= 500 && !SERVICE_CODES.contains(code);
    }
}
