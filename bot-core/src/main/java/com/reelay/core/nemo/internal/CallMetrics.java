package com.reelay.core.nemo.internal;

import io.micrometer.core.instrument.Metrics;
import okhttp3.HttpUrl;

/**
 * Counts NemoVideo calls by endpoint and outcome ({@code reelay_nemo_calls_total}). Ids in paths
 * (sessions, renders) become {@code {id}} so the number of series stays small.
 */
public final class CallMetrics {

    private CallMetrics() {
    }

    /** {@code outcome}: "0" for success, the service's code (1001, 2001, …) or HTTP status, or "io". */
    public static void record(String method, HttpUrl url, String outcome) {
        Metrics.counter("reelay.nemo.calls", "endpoint", endpoint(method, url), "outcome", outcome).increment();
    }

    static String endpoint(String method, HttpUrl url) {
        StringBuilder path = new StringBuilder();
        for (String segment : url.pathSegments()) {
            if (segment.isEmpty()) {
                continue;
            }
            path.append('/').append(segment.chars().anyMatch(Character::isDigit) ? "{id}" : segment);
        }
        return method + " " + (path.length() == 0 ? "/" : path.toString());
    }

    static String outcome(ServiceError error) {
        return Integer.toString(error.code() != 0 ? error.code() : error.httpStatus());
    }
}
