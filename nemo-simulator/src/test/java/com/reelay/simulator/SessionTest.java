package com.reelay.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionTest {
    private NemoSimulator sim;
    private Api alice;
    private Api bob;

    @BeforeEach
    void start() {
        sim = Fast.builder().start();
        alice = Api.registered(sim, "token-alice", 1000);
        bob = Api.registered(sim, "token-bob", 1000);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aSessionHasATaskAStringIdOfNineteenDigitsAndItsOwner() {
        Api.Result r = alice.post("/api/tasks/me/with-session/nemo_agent", "{\"task_name\":\"project\",\"language\":\"zh-CN\"}");

        JsonNode data = r.data();
        assertEquals(0, r.code());
        assertTrue(data.path("session_id").isTextual(), "session_id is a string");
        assertTrue(data.path("session_id").asText().matches("[1-9][0-9]{18}"), data.toString());
        assertTrue(data.path("task_id").asText().startsWith("task_"));
        assertEquals(sim.userForToken("token-alice").orElseThrow().userId(), data.path("user_id").asText());
        assertEquals("zh-CN", sim.session(data.path("session_id").asText()).orElseThrow().language());
    }

    @Test
    void aNewSessionHasAnEmptyProject() {
        String sid = alice.newSession();

        JsonNode state = alice.state(sid);

        assertEquals("{\"t\":[]}", state.path("draft").toString());
        assertEquals("[]", state.path("video_infos").toString());
        assertEquals("[]", state.path("generated_media").toString());
    }

    @Test
    void someoneElsesSessionIsNotFound() {
        String sid = alice.newSession();

        Api.Result state = bob.get("/api/state/nemo_agent/me/" + sid + "/latest");
        Api.Result chat = bob.chatRefused(sid, "hello");

        assertEquals(200, state.status());
        assertEquals(1002, state.code());
        assertEquals(404, chat.status());
        assertTrue(chat.header("Content-Type").startsWith("application/json"));
        assertEquals(1002, chat.code());
        assertTrue(sim.chatMessagesReceived(sid).isEmpty());
    }

    @Test
    void aLostSessionIsNotFoundEverywhere() {
        String sid = alice.newSession();
        sim.loseSession(sid);

        assertEquals(1002, alice.get("/api/state/nemo_agent/me/" + sid + "/latest").code());
        Api.Result chat = alice.chatRefused(sid, "make a video of a cat");
        assertEquals(404, chat.status());
        assertEquals(1002, chat.code());
        Api.Result upload = alice.post("/api/upload-video/nemo_agent/me/" + sid,
                "{\"urls\":[\"https://example.com/a.mp4\"],\"source_type\":\"url\"}");
        assertEquals(200, upload.status());
        assertEquals(1002, upload.code());
        assertTrue(sim.session(sid).isEmpty());
    }

    @Test
    void theLanguageDefaultsToEnglish() {
        Api.Result r = alice.post("/api/tasks/me/with-session/nemo_agent", "{}");

        assertEquals("en", sim.session(r.data().path("session_id").asText()).orElseThrow().language());
    }
}
