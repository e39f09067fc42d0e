package com.reelay.core.store;

/** The store could not read or write: the disk or database is in trouble. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
