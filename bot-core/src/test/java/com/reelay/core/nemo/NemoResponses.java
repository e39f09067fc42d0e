package com.reelay.core.nemo;

import mockwebserver3.MockResponse;

/** MockWebServer answers in the service's three envelope shapes, and its HTTP errors. */
final class NemoResponses {

    private NemoResponses() {
    }

    /** {@code {"code":0,"message":"ok","data":<data>}} */
    static MockResponse ok(String dataJson) {
        return json(200, "{\"code\":0,\"message\":\"ok\",\"data\":" + dataJson + "}");
    }

    /** {@code {"success":true,"data":<data>}} (render endpoints). */
    static MockResponse success(String dataJson) {
        return json(200, "{\"success\":true,\"data\":" + dataJson + "}");
    }

    /** Bare JSON. */
    static MockResponse bare(String json) {
        return json(200, json);
    }

    /** {@code {"code":<code>,"message":<message>,"data":<data>}} with HTTP 200. */
    static MockResponse code(int code, String message, String dataJson) {
        return json(200, "{\"code\":" + code + ",\"message\":\"" + message + "\",\"data\":" + dataJson + "}");
    }

    static MockResponse code(int code, String message) {
        return code(code, message, "null");
    }

    static MockResponse http(int status, String body) {
        MockResponse.Builder builder = new MockResponse.Builder().code(status);
        if (body != null) {
            builder.addHeader("Content-Type", "application/json").body(body);
        }
        return builder.build();
    }

    static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
    }

    /** A token answer for the anonymous-token call. */
    static MockResponse token(String token, String userId) {
        return ok("{\"token\":\"" + token + "\",\"user_id\":\"" + userId
                + "\",\"expires_at\":\"2999-01-01T00:00:00Z\",\"credits\":100}");
    }
}
