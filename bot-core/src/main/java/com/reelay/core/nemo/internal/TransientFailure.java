package com.reelay.core.nemo.internal;

/**
 * One attempt failed in a way a retry may cure: an I/O error (the cause) or an HTTP 5xx
 * ({@link #httpStatus()}). Only the retry policies see it; callers get
 * {@link com.reelay.core.nemo.NemoException.Unavailable}.
 */
public final class TransientFailure extends Exception {

    private final int httpStatus;
    private final ServiceError error;

    public TransientFailure(int httpStatus, ServiceError error, Throwable cause) {
        super(cause == null ? "HTTP " + httpStatus : cause.getClass().getSimpleName(), cause, false, false);
        this.httpStatus = httpStatus;
        this.error = error;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The 5xx answer, or null for an I/O error. */
    public ServiceError error() {
        return error;
    }
}
