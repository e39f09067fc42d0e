package com.reelay.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StreamFaultsTest {
    private NemoSimulator sim;
    private Api api;
    private String sid;

    @BeforeEach
    void start() {
        sim = Fast.builder().sseShape(SseShape.ADK).noTextProbability(0).start();
        api = Api.registered(sim, "token-user", 1000);
        sid = api.newSession();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void stallAfterKeepsTheConnectionOpenAndSilentWhileTheWorkCompletes() throws Exception {
        sim.faults().nextStream().stallAfter(2);
        Api patient = api.withTimeout(Duration.ofMillis(300));

        try (SseReader reader = SseReader.open(patient.http, patient.chatRequest(sid, "generate a video of a lighthouse"))) {
            assertNotNull(reader.nextContent());
            assertNotNull(reader.nextContent());
            assertThrows(InterruptedIOException.class, reader::next, "nothing at all after the stall, not even heartbeats");
        }
        Fast.eventually(() -> assertEquals(1, api.state(sid).path("draft").path("t").size()));
        Fast.eventually(() -> assertEquals(900, api.credits().data().path("total").asLong()));
    }

    @Test
    void dropAfterCutsTheConnectionWithoutAProperEnd() throws Exception {
        sim.faults().nextStream().dropAfter(3);

        try (SseReader reader = SseReader.open(api.http, api.chatRequest(sid, "generate a video of a lighthouse"))) {
            for (int i = 0; i < 3; i++) {
                assertNotNull(reader.nextContent());
            }
            assertThrows(IOException.class, () -> {
                while (reader.next() != null) {
                    // heartbeats may still be in flight; the cut must surface as an error, not a clean end
                }
            });
        }
        // The message was delivered: the service finishes the work and charges for it.
        Fast.eventually(() -> assertEquals(900, api.credits().data().path("total").asLong()));
        assertEquals(1, api.state(sid).path("draft").path("t").size());
        assertEquals(List.of("generate a video of a lighthouse"), sim.chatMessagesReceived(sid));
    }

    @Test
    void aDropScriptedAfterTheLastEventStillCutsTheConnection() {
        SseTranscript normal = api.chat(sid, "what can you do?");
        sim.faults().nextStream().dropAfter(normal.events().size());

        try (SseReader reader = SseReader.open(api.http, api.chatRequest(sid, "what can you do?"))) {
            assertThrows(IOException.class, () -> {
                while (reader.next() != null) {
                    // all events arrive, then the cut
                }
            });
            assertEquals(normal.events().size(), reader.transcript.events().size());
        }
    }

    @Test
    void heartbeatsOnlySendsNothingButKeepAlivesAndChargesNothing() throws Exception {
        sim.faults().nextStream().heartbeatsOnly();

        try (SseReader reader = SseReader.open(api.http, api.chatRequest(sid, "add a title 'Hi'"))) {
            for (int i = 0; i < 6; i++) {
                SseTranscript.Frame f = reader.next();
                assertNotNull(f);
                assertTrue(f.isHeartbeat(), "only heartbeats");
            }
        }
        Fast.eventually(() -> assertEquals(1000, api.credits().data().path("available").asLong()));
        assertEquals("{\"t\":[]}", api.state(sid).path("draft").toString());
    }

    @Test
    void noTextStillChangesTheDraft() {
        sim.faults().nextStream().noText();

        SseTranscript t = api.chat(sid, "generate a video of a harbour");

        assertFalse(t.hasText());
        assertEquals(List.of("generate_video_with_seedance"), t.toolCalls());
        assertEquals("harbour", api.state(sid).path("draft").path("t").get(0).path("m").path("name").asText());
    }

    @Test
    void errorAfterSendsAnAdkErrorEventThenEndsAndReleasesTheCredits() {
        sim.faults().nextStream().errorAfter(1, "model overloaded");

        SseTranscript t = api.chat(sid, "generate a video of a harbour");

        List<JsonNode> events = t.events();
        assertEquals(2, events.size());
        assertEquals("AGENT_ERROR", events.get(1).path("errorCode").asText());
        assertEquals("model overloaded", events.get(1).path("errorMessage").asText());
        Fast.eventually(() -> assertEquals(1000, api.credits().data().path("available").asLong()));
        assertEquals(0, sim.openStreams());
    }

    @Test
    void typedStreamsReportErrorsAsAnErrorField() {
        sim.close();
        sim = Fast.builder().sseShape(SseShape.TYPED).start();
        api = Api.registered(sim, "token-user", 1000);
        sid = api.newSession();
        sim.faults().nextStream().errorAfter(0, "bad gateway");

        SseTranscript t = api.chat(sid, "what is this?");

        assertEquals(1, t.events().size());
        assertEquals("bad gateway", t.events().get(0).path("error").asText());
    }

    @Test
    void streamFaultsApplyInOrderToAcceptedStreamsOnly() {
        sim.setCredits(sim.userForToken("token-user").orElseThrow().userId(), 0);
        sim.faults().nextStreams(2).noText().nextStream().errorAfter(0, "third");

        assertEquals(2001, api.chatRefused(sid, "add music").code()); // refused: consumes no stream fault
        assertEquals(3, sim.faults().pending());
        SseTranscript first = api.chat(sid, "hi?");
        SseTranscript second = api.chat(sid, "hi?");
        SseTranscript third = api.chat(sid, "hi?");
        SseTranscript fourth = api.chat(sid, "hi?");

        assertFalse(first.hasText());
        assertFalse(second.hasText());
        assertEquals("third", third.events().get(0).path("errorMessage").asText());
        assertTrue(fourth.hasText());
        assertEquals(0, sim.faults().pending());
    }

    @Test
    void closingTheSimulatorEndsStalledStreams() throws Exception {
        sim.faults().nextStream().stallAfter(0);
        try (SseReader reader = SseReader.open(api.http, api.chatRequest(sid, "hello?"))) {
            Fast.eventually(() -> assertEquals(1, sim.openStreams()));
            sim.close();
            assertEquals(null, reader.next(), "a clean end");
        }
    }
}
