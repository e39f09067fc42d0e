package com.reelay.core.chat.support;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What went wrong in a future, without the wrappers the future put around it. */
public final class Futures {

    private Futures() {
    }

    /**
     * The failure inside any {@link CompletionException} and {@link ExecutionException} layers
     * ({@code join}, {@code get} and dependent stages add them); {@code error} itself when it is
     * neither, or when a wrapper has no cause.
     */
    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
