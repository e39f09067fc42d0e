package com.reelay.core.nemo.internal;

import com.reelay.core.chat.support.Futures;
import com.reelay.core.nemo.NemoSettings;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The two retry policies of the client (resilience4j), both bounded by
 * {@link NemoSettings#retryAttempts()} with exponential back-off from
 * {@link NemoSettings#retryBaseDelay()} and jitter:
 * <ul>
 *   <li>{@link #idempotent()}: GETs, render status and cancel, the anonymous-token call: retried
 *       on any {@link TransientFailure} (I/O error or HTTP 5xx);</li>
 *   <li>{@link #connectOnly()}: calls that must not run twice (session create, upload, render
 *       submit, chat): retried only when the connection was never made, so the request cannot
 *       have reached the service.</li>
 * </ul>
 */
public final class RetryPolicies {

    private static final double MULTIPLIER = 2.0;
    private static final double JITTER = 0.5;
    private static final Duration MAX_INTERVAL = Duration.ofSeconds(30);

    private final Retry idempotent;
    private final Retry connectOnly;

    public RetryPolicies(NemoSettings settings) {
        Duration base = settings.retryBaseDelay().isZero() || settings.retryBaseDelay().isNegative()
                ? Duration.ofMillis(1) : settings.retryBaseDelay();
        Duration max = base.compareTo(MAX_INTERVAL) > 0 ? base : MAX_INTERVAL;
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(base, MULTIPLIER, JITTER, max);
        this.idempotent = Retry.of("nemo-idempotent", RetryConfig.custom()
                .maxAttempts(settings.retryAttempts())
                .intervalFunction(backoff)
                .retryOnException(e -> Futures.unwrap(e) instanceof TransientFailure)
                .build());
        this.connectOnly = Retry.of("nemo-connect-only", RetryConfig.custom()
                .maxAttempts(settings.retryAttempts())
                .intervalFunction(backoff)
                .retryOnException(RetryPolicies::isConnectFailure)
                .build());
    }

    public Retry idempotent() {
        return idempotent;
    }

    public Retry connectOnly() {
        return connectOnly;
    }

    public Retry forCall(boolean idempotentCall) {
        return idempotentCall ? idempotent : connectOnly;
    }

    /** True when {@code e} (or a cause) says no connection was made: nothing reached the service. */
    public static boolean isConnectFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.reelay.core.nemo.NemoException) {
                return false; // a final answer; a connect failure behind it (e.g. the file's source) is not ours to retry
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
