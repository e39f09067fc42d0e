package com.reelay.core.nemo.internal;

import java.time.Duration;

/** How a blocking call waits out a 429; replaceable so tests can record the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = wait -> Thread.sleep(wait.toMillis());

    void sleep(Duration wait) throws InterruptedException;
}
