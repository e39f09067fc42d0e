package com.reelay.simulator;

import java.util.List;

/**
 * The agent's plan for one chat message: what it costs and what happens when. Each step happens
 * {@code atMillis} after the stream starts; a step emits an event, runs an effect on the session, or both.
 */
record Turn(Intent intent, long cost, List<Step> steps) {

    record Step(long atMillis, AgentEvent event, Runnable effect) {
    }

    Turn {
        steps = List.copyOf(steps);
    }

    /** The same turn with every text event removed (tool events and effects stay). */
    Turn withoutText() {
        List<Step> kept = new java.util.ArrayList<>();
        for (Step step : steps) {
            boolean text = step.event() instanceof AgentEvent.TextChunk || step.event() instanceof AgentEvent.TextDone;
            if (!text) {
                kept.add(step);
            }
        }
        return new Turn(intent, cost, kept);
    }
}
