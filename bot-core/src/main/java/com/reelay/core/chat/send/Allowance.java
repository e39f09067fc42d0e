package com.reelay.core.chat.send;

import java.time.Duration;
import java.util.Objects;

/**
 * One of a platform's limits: at most {@code calls} in any period of {@code per}, as the platform
 * counts them (a trailing window over arrival times). Calls whose recipients name the same
 * {@code key} share one window: {@code "global"} for the whole bot, {@code "chat:42"} for one chat.
 */
public record Allowance(String key, int calls, Duration per) {

    public Allowance {
        Objects.requireNonNull(key, "key");
        if (calls < 1 || per == null || per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("an allowance needs at least 1 call per a positive duration: " + key);
        }
    }
}
