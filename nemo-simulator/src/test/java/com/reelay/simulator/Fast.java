package com.reelay.simulator;

import java.time.Duration;

/** Builders with stream durations of a few milliseconds, for tests. */
final class Fast {
    private Fast() {
    }

    static NemoSimulator.Builder builder() {
        return NemoSimulator.builder()
                .textReplyDuration(Duration.ofMillis(20))
                .editDuration(Duration.ofMillis(20))
                .generationDuration(Duration.ofMillis(60))
                .heartbeatInterval(Duration.ofMillis(5))
                .renderDurations(Duration.ofMillis(20), Duration.ofMillis(40));
    }

    /** Polls a condition that the simulator makes true asynchronously (a server-side effect, not a client read). */
    static void eventually(Runnable assertion) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.onSpinWait();
                try {
                    Thread.sleep(2);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
