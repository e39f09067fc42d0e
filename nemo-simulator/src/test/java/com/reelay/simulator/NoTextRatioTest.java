package com.reelay.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoTextRatioTest {
    private static final int EDITS = 200;

    @Test
    void aboutThirtyPercentOfEditsCloseWithoutTextAndTheSeedMakesItReproducible() {
        List<Boolean> first = silentEdits(7, EDITS);
        List<Boolean> again = silentEdits(7, 40);
        List<Boolean> otherSeed = silentEdits(8, 40);

        long silent = first.stream().filter(b -> b).count();
        double ratio = silent / (double) EDITS;
        assertTrue(ratio > 0.22 && ratio < 0.38, "no-text ratio " + ratio);
        assertEquals(first.subList(0, 40), again, "same seed, same sequence");
        assertTrue(!otherSeed.equals(again), "another seed, another sequence");
    }

    @Test
    void generationsAndQuestionsAlwaysHaveText() {
        try (NemoSimulator sim = quick(1).noTextProbability(1.0).start()) {
            Api api = Api.registered(sim, "token-user", 100_000);
            String sid = api.newSession();
            assertTrue(api.chat(sid, "generate a video of the sea").hasText());
            assertTrue(api.chat(sid, "what can you do?").hasText());
            SseTranscript edit = api.chat(sid, "add a title 'Sea'");
            assertTrue(!edit.hasText() && edit.toolCalls().size() == 1, "edits lose their text, not their tools");
        }
    }

    private static List<Boolean> silentEdits(long seed, int edits) {
        List<Boolean> silent = new ArrayList<>();
        try (NemoSimulator sim = quick(seed).start()) {
            Api api = Api.registered(sim, "token-user", 1_000_000);
            String sid = api.newSession();
            for (int i = 0; i < edits; i++) {
                SseTranscript t = api.chat(sid, i % 2 == 0 ? "add a title 'Take " + i + "'" : "add jazz music");
                assertEquals(1, t.toolCalls().size());
                silent.add(!t.hasText());
            }
            assertEquals(edits, sim.chatMessagesReceived(sid).size());
        }
        return silent;
    }

    private static NemoSimulator.Builder quick(long seed) {
        return NemoSimulator.builder().seed(seed).sseShape(SseShape.ADK)
                .editDuration(Duration.ofMillis(2)).textReplyDuration(Duration.ofMillis(2))
                .generationDuration(Duration.ofMillis(4)).heartbeatInterval(Duration.ZERO);
    }
}
