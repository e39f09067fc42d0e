package com.reelay.core.nemo;

import java.util.Locale;

public enum RenderState {
    PENDING,
    PROCESSING,
    COMPLETED,
    FAILED;

    /** Unknown states read as processing: the render is still somebody's work in progress. */
    public static RenderState parse(String status) {
        if (status == null) {
            return PENDING;
        }
        switch (status.toLowerCase(Locale.ROOT)) {
            case "pending":
            case "queued":
                return PENDING;
            case "completed":
            case "done":
            case "succeeded":
                return COMPLETED;
            case "failed":
            case "error":
            case "cancelled":
            case "canceled":
                return FAILED;
            default:
                return PROCESSING;
        }
    }
}
