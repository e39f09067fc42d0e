package com.reelay.simulator;

import java.time.Duration;

/** One scripted request fault; see {@link Faults.NextRequests}. */
record RequestFault(Kind kind, int code, int httpStatus, String body, Duration duration) {

    enum Kind { CODE, HTTP, DELAY, RATE_LIMIT, BARE }

    static RequestFault code(int code, int httpStatus) {
        return new RequestFault(Kind.CODE, code, httpStatus, null, Duration.ZERO);
    }

    static RequestFault http(int status, String body) {
        return new RequestFault(Kind.HTTP, 0, status, body, Duration.ZERO);
    }

    static RequestFault delay(Duration delay) {
        return new RequestFault(Kind.DELAY, 0, 0, null, delay);
    }

    static RequestFault rateLimit(Duration retryAfter) {
        return new RequestFault(Kind.RATE_LIMIT, 429, 429, null, retryAfter);
    }

    static RequestFault bare() {
        return new RequestFault(Kind.BARE, 0, 0, null, Duration.ZERO);
    }
}
