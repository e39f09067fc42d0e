package com.reelay.core.guard;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * When prompts were let through, per allowance (a person, a chat): what the guard counts its
 * trailing windows over. The store keeps it so a restart forgets nothing; {@link InMemoryPromptLog}
 * serves tests and installs without limits.
 */
public interface PromptLog {

    /** The prompts recorded under {@code key} at or after {@code since}, oldest first. */
    List<Instant> promptsSince(String key, Instant since);

    /**
     * Records one prompt at {@code at} under each of {@code keys}, all or none, and may forget
     * every prompt before {@code forgetBefore} (no window reaches back that far).
     */
    void recordPrompt(List<String> keys, Instant at, Instant forgetBefore);

    /**
     * Runs {@code check} (reads, then maybe a record, through the log it is given) while no other
     * process checks any of {@code keys}: several instances sharing the log must not each let the
     * last prompt through. A log only one process uses needs nothing here; the guard already
     * orders its own threads.
     */
    default <T> T exclusively(List<String> keys, Function<PromptLog, T> check) {
        return check.apply(this);
    }
}
