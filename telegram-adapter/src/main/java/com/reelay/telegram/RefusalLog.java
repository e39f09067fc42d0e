package com.reelay.telegram;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Webhook calls refused for a wrong secret, reported at WARN at most once per interval: a flood
 * of them must not flood the log. The first is reported at once; the rest are counted and the
 * count goes with the next report.
 */
final class RefusalLog {

    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private long refused;
    private long lastReport;
    private boolean reported;

    RefusalLog(Logger log, Duration interval, LongSupplier nanoTime) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    synchronized void refused(String from) {
        refused++;
        long now = nanoTime.getAsLong();
        if (reported && now - lastReport < intervalNanos) {
            return;
        }
        log.warn("webhook calls without the right secret token refused: {} since the last report, the latest from {}",
                refused, from);
        refused = 0;
        lastReport = now;
        reported = true;
    }
}
