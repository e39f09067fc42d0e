package com.reelay.core.chat.send;

import java.time.Duration;
import java.util.Optional;

/** What a failed call asks of the send budget, as the adapter reads its platform's answer. */
public sealed interface Setback {

    /**
     * Flood control (429): hold what the answer names for {@code retryAfter}, then send the same
     * call again. {@code allowance} empty: the recipient; else the allowance with that key
     * (Discord's global limit).
     */
    record RateLimited(Duration retryAfter, Optional<String> allowance) implements Setback {
        public RateLimited {
            retryAfter = retryAfter == null || retryAfter.isNegative() ? Duration.ZERO : retryAfter;
            allowance = allowance == null ? Optional.empty() : allowance;
        }
    }

    /** Network trouble or a server error: worth another try shortly. */
    record Transient() implements Setback {
    }

    /** Anything else: the caller learns the failure. */
    record Final() implements Setback {
    }
}
