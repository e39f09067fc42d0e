package com.reelay.core.guard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A prompt log that lives as long as the process: for tests, and installs whose store keeps none. */
public final class InMemoryPromptLog implements PromptLog {

    private static final Duration SWEEP_EVERY = Duration.ofHours(1);

    private final Map<String, Deque<Instant>> prompts = new HashMap<>();
    private Instant lastSweep = Instant.MIN;

    @Override
    public synchronized List<Instant> promptsSince(String key, Instant since) {
        Deque<Instant> all = prompts.get(key);
        return all == null ? List.of() : all.stream().filter(t -> !t.isBefore(since)).toList();
    }

    @Override
    public synchronized void recordPrompt(List<String> keys, Instant at, Instant forgetBefore) {
        for (String key : keys) {
            Deque<Instant> all = prompts.computeIfAbsent(key, k -> new ArrayDeque<>());
            all.addLast(at);
            while (all.peekFirst().isBefore(forgetBefore)) {
                all.removeFirst();
            }
        }
        if (at.isAfter(lastSweep.plus(SWEEP_EVERY))) { // people who went quiet: let them go now and then
            lastSweep = at;
            prompts.values().removeIf(all -> all.peekLast().isBefore(forgetBefore));
        }
    }
}
