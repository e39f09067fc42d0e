package com.reelay.core.guard;

import java.time.Instant;
import java.util.List;

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
}
