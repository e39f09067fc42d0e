package com.reelay.core.nemo.internal;

import java.util.Map;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.RequestBody;

/**
 * One non-streaming call to the service, described once and sent by {@link NemoHttp}.
 *
 * @param method        HTTP method
 * @param url           full URL
 * @param body          a fresh body per attempt (null for GET)
 * @param idempotent    whether 5xx and I/O errors may be retried (else only connect failures are)
 * @param authenticated whether it carries the identity's bearer token
 * @param upload        whether it streams files (no overall call timeout)
 * @param startFailure  whether an unknown refusal means "the job did not start" (render submit)
 * @param headers       extra headers (e.g. {@code X-Client-Id}); never logged
 */
public record ApiCall(String method, HttpUrl url, Supplier<RequestBody> body, boolean idempotent,
                      boolean authenticated, boolean upload, boolean startFailure, Map<String, String> headers) {

    public ApiCall {
        headers = Map.copyOf(headers);
    }

    public static ApiCall get(HttpUrl url) {
        return new ApiCall("GET", url, null, true, true, false, false, Map.of());
    }

    /** A POST that must not run twice. */
    public static ApiCall post(HttpUrl url, Supplier<RequestBody> body) {
        return new ApiCall("POST", url, body, false, true, false, false, Map.of());
    }

    public ApiCall asIdempotent() {
        return new ApiCall(method, url, body, true, authenticated, upload, startFailure, headers);
    }

    public ApiCall asUpload() {
        return new ApiCall(method, url, body, idempotent, authenticated, true, startFailure, headers);
    }

    public ApiCall asStart() {
        return new ApiCall(method, url, body, idempotent, authenticated, upload, true, headers);
    }

    public ApiCall withoutToken(Map<String, String> extraHeaders) {
        return new ApiCall(method, url, body, idempotent, false, upload, startFailure, extraHeaders);
    }

    /** {@code "POST /api/…"}: how messages and logs name the call. */
    public String where() {
        return method + " " + url.encodedPath();
    }
}
