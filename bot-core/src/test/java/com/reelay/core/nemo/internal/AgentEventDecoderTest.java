package com.reelay.core.nemo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.nemo.AgentEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentEventDecoderTest {

    private final AgentEventDecoder decoder = new AgentEventDecoder();

    private static String adk(String text, boolean partial) {
        return "{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":" + Json.write(text) + "}]}"
                + (partial ? ",\"partial\":true" : "") + "}";
    }

    private List<String> texts(String... events) throws Exception {
        List<String> texts = new ArrayList<>();
        for (String event : events) {
            for (AgentEvent e : decoder.decode(event)) {
                if (e instanceof AgentEvent.TextChunk) {
                    texts.add(((AgentEvent.TextChunk) e).text());
                }
            }
        }
        return texts;
    }

    @Test
    void theNextTurnStartsANewParagraph() throws Exception {
        String call = "{\"content\":{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"id\":\"c1\",\"name\":\"edit\",\"args\":{}}}]}}";
        assertEquals(List.of("On it", "!", "\n\nDone."),
                texts(adk("On it", true), adk("On it!", false), call, adk("Done.", false)));
        AgentEventDecoder typed = new AgentEventDecoder();
        List<String> pieces = new ArrayList<>();
        for (String e : List.of("{\"type\":\"text\",\"content\":\"Start\"}", "{\"type\":\"text\",\"content\":\"ing.\"}",
                "{\"type\":\"tool_call\",\"name\":\"edit\"}", "{\"type\":\"text\",\"content\":\"Ready.\"}")) {
            typed.decode(e).stream().filter(x -> x instanceof AgentEvent.TextChunk)
                    .forEach(x -> pieces.add(((AgentEvent.TextChunk) x).text()));
        }
        assertEquals("Starting.\n\nReady.", String.join("", pieces));
    }

    @Test
    void aNonStreamedAnswerIsEmittedWhole() throws Exception {
        assertEquals(List.of("Hello"), texts(adk("Hello", false)));
    }

    @Test
    void theFinalRepeatOfThePartialsIsDropped() throws Exception {
        assertEquals(List.of("Hel", "lo"), texts(adk("Hel", true), adk("lo", true), adk("Hello", false)));
    }

    @Test
    void aFinalThatExtendsThePartialsAddsOnlyTheRest() throws Exception {
        assertEquals(List.of("Hel", "lo!"), texts(adk("Hel", true), adk("Hello!", false)));
    }

    @Test
    void aFinalThatIsAShorterFormOfThePartialsAddsNothing() throws Exception {
        assertEquals(List.of("Hello \n"), texts(adk("Hello \n", true), adk("Hello", false)));
    }

    @Test
    void aFinalThatRepeatsOnlyTheLastTurnAddsNothing() throws Exception {
        // The first turn's final never came; the second turn's final repeats just its own partials.
        assertEquals(List.of("Working. ", "Done."),
                texts(adk("Working. ", true), adk("Done.", true), adk("Done.", false)));
    }

    @Test
    void aDivergingFinalAddsOnlyWhatFollowsTheCommonStart() throws Exception {
        assertEquals(List.of("Your clip is rea", "dy."), texts(adk("Your clip is rea", true), adk("Your clip is ready.", false)));
        assertEquals(List.of("\n\nColour: red", "blue"), texts(adk("Colour: red", true), adk("Colour: blue", false)));
    }

    @Test
    void eachTurnIsDeDuplicatedOnItsOwn() throws Exception {
        assertEquals(List.of("A.", "\n\nB"), texts(adk("A.", true), adk("A.", false), adk("B", true), adk("B", false)));
    }

    @Test
    void thoughtsAndUserEventsAreNotTheAnswer() throws Exception {
        String thought = "{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"thinking\",\"thought\":true},{\"text\":\"Hi\"}]}}";
        String user = "{\"content\":{\"role\":\"user\",\"parts\":[{\"text\":\"make a video\"}]}}";
        assertEquals(List.of("Hi"), texts(user, thought));
    }

    @Test
    void aToolCallRepeatedWithTheSameIdIsReportedOnce() throws Exception {
        String call = "{\"content\":{\"parts\":[{\"functionCall\":{\"id\":\"c1\",\"name\":\"edit_multitrack\",\"args\":{}}}]},\"partial\":true}";
        String again = "{\"content\":{\"parts\":[{\"text\":\"ok\"},{\"functionCall\":{\"id\":\"c1\",\"name\":\"edit_multitrack\",\"args\":{}}}]}}";
        List<AgentEvent> events = new ArrayList<>(decoder.decode(call));
        events.addAll(decoder.decode(again));
        assertEquals(2, events.size());
        assertInstanceOf(AgentEvent.ToolCall.class, events.get(0));
        assertEquals(new AgentEvent.TextChunk("ok"), events.get(1));
    }

    @Test
    void emptyDataAndTypedHeartbeatsAreHeartbeats() throws Exception {
        assertInstanceOf(AgentEvent.Heartbeat.class, decoder.decode("").get(0));
        assertInstanceOf(AgentEvent.Heartbeat.class, decoder.decode("  ").get(0));
        assertInstanceOf(AgentEvent.Heartbeat.class, decoder.decode("{\"type\":\"heartbeat\"}").get(0));
    }

    @Test
    void malformedAndUnknownEventsYieldNothing() throws Exception {
        assertTrue(decoder.decode("{oops").isEmpty());
        assertTrue(decoder.decode("42").isEmpty());
        assertTrue(decoder.decode("{\"type\":\"done\"}").isEmpty());
        assertTrue(decoder.decode("{\"author\":\"x\"}").isEmpty());
    }

    @Test
    void errorsComeInThreeForms() {
        ServiceError plain = assertThrows(AgentEventDecoder.StreamError.class,
                () -> decoder.decode("{\"error\":\"boom\"}")).error();
        assertEquals(0, plain.code());
        assertEquals("boom", plain.message());

        ServiceError coded = assertThrows(AgentEventDecoder.StreamError.class,
                () -> decoder.decode("{\"errorCode\":\"2001\",\"errorMessage\":\"no credits\",\"content\":null}")).error();
        assertEquals(2001, coded.code());
        assertEquals("no credits", coded.message());

        ServiceError nested = assertThrows(AgentEventDecoder.StreamError.class,
                () -> decoder.decode("{\"error\":{\"code\":4002,\"message\":\"too big\",\"data\":{\"x\":1}}}")).error();
        assertEquals(4002, nested.code());
        assertEquals(1, nested.data().get("x").asInt());

        ServiceError typed = assertThrows(AgentEventDecoder.StreamError.class,
                () -> decoder.decode("{\"type\":\"error\",\"code\":1002,\"message\":\"gone\"}")).error();
        assertEquals(1002, typed.code());
    }

    @Test
    void nullErrorFieldsAreNoError() throws Exception {
        assertEquals(List.of("fine"), texts("{\"content\":{\"parts\":[{\"text\":\"fine\"}]},\"errorCode\":null,\"error\":null}"));
    }
}
