package com.reelay.core.nemo.internal;

/**
 * The token a request is sent with, attached as a request tag and turned into the
 * {@code Authorization} header by {@link BearerTokenInterceptor}. Never printed.
 */
public record BearerToken(String value) {

    @Override
    public String toString() {
        return "BearerToken[***]";
    }
}
