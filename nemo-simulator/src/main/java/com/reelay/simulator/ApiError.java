package com.reelay.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * An error answer thrown out of a route. The statuses here are the simulator's documented choices
 * (see README "Errors").
 */
final class ApiError extends RuntimeException {
    static final String REGISTER_URL = "https://nemovideo.com/register?bind=";

    private final transient Reply.JsonReply reply;

    ApiError(Reply.JsonReply reply) {
        super(Json.write(reply.body()), null, false, false);
        this.reply = reply;
    }

    Reply.JsonReply reply() {
        return reply;
    }

    static ApiError code(int httpStatus, int code, String message, JsonNode data) {
        return new ApiError(new Reply.JsonReply(httpStatus, Json.codeError(code, message, data)));
    }

    static ApiError failure(int httpStatus, String error) {
        return new ApiError(new Reply.JsonReply(httpStatus, Json.failure(error)));
    }

    /** 400 in the endpoint's own envelope. */
    static ApiError badRequest(Endpoint endpoint, String message) {
        return endpoint.usesSuccessEnvelope() ? failure(400, message) : code(400, 400, message, null);
    }

    /** HTTP 401, code 1001, on every endpoint (always the code envelope). */
    static ApiError tokenInvalid() {
        return code(401, 1001, "token expired or invalid", null);
    }

    /** Code 1002: HTTP 404 on run_sse (before streaming), HTTP 200 elsewhere; render endpoints: 404 success=false. */
    static ApiError sessionNotFound(Endpoint endpoint) {
        if (endpoint.usesSuccessEnvelope()) {
            return failure(404, "session not found");
        }
        return code(endpoint == Endpoint.RUN_SSE ? 404 : 200, 1002, "session not found", null);
    }

    /** Code 2001 at HTTP 200; anonymous users also get {@code data.registration_url}. */
    static ApiError insufficientCredits(Account account, long required) {
        ObjectNode data = Json.object().put("required", required).put("available", account.balance().available());
        if (account.anonymous()) {
            data.put("registration_url", REGISTER_URL + account.userId());
        }
        return code(200, 2001, "insufficient credits", data);
    }

    /** The HTTP status the simulator sends a code with when it happens for real on {@code endpoint}. */
    static int naturalStatus(int code, Endpoint endpoint) {
        if (code == 1001) {
            return 401;
        }
        if (code == 1002) {
            return endpoint == Endpoint.RUN_SSE ? 404 : 200;
        }
        return code >= 400 && code <= 599 ? code : 200;
    }

    static String messageFor(int code) {
        switch (code) {
            case 1001:
                return "token expired or invalid";
            case 1002:
                return "session not found";
            case 2001:
                return "insufficient credits";
            case 4001:
                return "unsupported file type. Accepted formats: " + AcceptedFormats.listing();
            case 4002:
                return "file too large: the limit is " + AcceptedFormats.DEFAULT_MAX_BYTES + " bytes (200 MB)";
            case 400:
                return "bad request";
            case 402:
                return "free plan cannot export";
            case 429:
                return "rate limited";
            default:
                return "simulated error " + code;
        }
    }

    static ApiError rateLimited(Endpoint endpoint, long retryAfterSeconds) {
        String message = "rate limited, retry after " + retryAfterSeconds + " s";
        ObjectNode body = endpoint.usesSuccessEnvelope() ? Json.failure(message) : Json.codeError(429, message, null);
        return new ApiError(new Reply.JsonReply(429, body, Map.of("Retry-After", Long.toString(retryAfterSeconds))));
    }
}
