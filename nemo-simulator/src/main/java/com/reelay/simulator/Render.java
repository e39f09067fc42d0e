package com.reelay.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One export. Its status is a pure function of the simulator's clock: pending for the pending stage,
 * then processing with progress rising 1→99, then completed (100). A render scripted to fail fails
 * halfway through processing; a cancelled one reports failed with error "cancelled".
 */
final class Render {
    record Status(String status, int progress, String error) {
        boolean completed() {
            return "completed".equals(status);
        }

        boolean finished() {
            return completed() || "failed".equals(status);
        }
    }

    private final String id;
    private final String userId;
    private final String sessionId;
    private final Instant createdAt;
    private final String failure;
    private final Duration pending;
    private final Duration processing;
    private Instant cancelledAt; // guarded by this

    Render(String id, String userId, String sessionId, Instant createdAt, String failure, Duration pending, Duration processing) {
        this.id = id;
        this.userId = userId;
        this.sessionId = sessionId;
        this.createdAt = createdAt;
        this.failure = failure;
        this.pending = pending;
        this.processing = processing;
    }

    String id() {
        return id;
    }

    String userId() {
        return userId;
    }

    String sessionId() {
        return sessionId;
    }

    synchronized Status statusAt(Instant now) {
        if (cancelledAt != null) {
            Status before = naturalStatus(cancelledAt);
            return new Status("failed", before.progress(), "cancelled");
        }
        return naturalStatus(now);
    }

    /** When the render turns {@code completed} on the simulator's clock; empty if it fails or was cancelled. */
    synchronized Optional<Instant> completedAt() {
        if (failure != null || cancelledAt != null) {
            return Optional.empty();
        }
        return Optional.of(createdAt.plus(pending).plus(processing));
    }

    /** False when the render had already finished. */
    synchronized boolean cancel(Instant now) {
        if (cancelledAt != null || naturalStatus(now).finished()) {
            return false;
        }
        cancelledAt = now;
        return true;
    }

    private Status naturalStatus(Instant now) {
        long elapsed = Math.max(0, Duration.between(createdAt, now).toMillis());
        long pendingMs = pending.toMillis();
        long processingMs = processing.toMillis();
        if (elapsed < pendingMs) {
            return new Status("pending", 0, null);
        }
        long into = elapsed - pendingMs;
        if (failure != null && into >= processingMs / 2) {
            return new Status("failed", progressAt(processingMs / 2, processingMs), failure);
        }
        if (into < processingMs) {
            return new Status("processing", progressAt(into, processingMs), null);
        }
        return new Status("completed", 100, null);
    }

    private static int progressAt(long into, long processingMs) {
        return processingMs <= 0 ? 99 : (int) (1 + 98 * into / processingMs);
    }
}
