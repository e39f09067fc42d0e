package com.reelay.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

class InspectionTest {
    private static final String TOKEN = "nmv_usr_" + "SecretSecretSecretSecret00000000";

    @Test
    void requestsAreRecordedWithHeadersAndJsonBodiesAndCountedPerEndpoint() {
        try (NemoSimulator sim = Fast.builder().start()) {
            Api api = Api.registered(sim, TOKEN, 1000);
            String sid = api.newSession();
            api.credits();
            api.credits();
            api.post("/api/upload-video/nemo_agent/me/" + sid, new MultipartBody.Builder().setType(MultipartBody.FORM)
                    .addFormDataPart("files", "a.mp4", RequestBody.create(new byte[5], MediaType.get("video/mp4"))).build());
            api.get("/nowhere");

            RecordedRequest create = sim.requests(Endpoint.CREATE_SESSION).get(0);
            assertEquals("POST", create.method());
            assertEquals("{\"task_name\":\"project\",\"language\":\"en\"}", create.body());
            assertEquals("Bearer " + TOKEN, create.header("Authorization"));
            assertEquals("ai-video-generator-free-canva", create.header("x-skill-source"));
            assertEquals("1.0.0", create.header("X-Skill-Version"));
            assertEquals("clawhub", create.header("X-Skill-Platform"));
            assertNull(sim.requests(Endpoint.UPLOAD).get(0).body(), "multipart bodies are never kept");
            assertEquals(2, sim.requestCount(Endpoint.CREDITS));
            assertEquals(1, sim.requestCount(Endpoint.UPLOAD));
            assertEquals(5, sim.requests().size());
            assertNull(sim.requests().get(4).endpoint());
        }
    }

    @Test
    void chatMessagesReceivedListsWhatTheAgentAcceptedInOrder() {
        try (NemoSimulator sim = Fast.builder().start()) {
            Api api = Api.registered(sim, TOKEN, 100);
            String sid = api.newSession();
            api.chat(sid, "what can you do?");
            api.chat(sid, "generate a video of a cat");
            api.chatRefused(sid, "add music"); // 2001: not accepted

            assertEquals(List.of("what can you do?", "generate a video of a cat"), sim.chatMessagesReceived(sid));
            assertEquals(3, sim.requestCount(Endpoint.RUN_SSE));
            assertTrue(sim.chatMessagesReceived("0000000000000000000").isEmpty());
        }
    }

    @Test
    void theRequestLogLineMasksTokens() {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (NemoSimulator sim = Fast.builder().logRequestsTo(lines::add).start()) {
            Api api = Api.registered(sim, TOKEN, 10);
            api.credits();
        }
        assertEquals(1, lines.size());
        assertFalse(lines.get(0).contains(TOKEN));
        assertEquals("GET /api/credits/balance/simple [CREDITS] auth=nmv_usr_****", lines.get(0));
    }

    @Test
    void usersAndSessionsCanBeLookedUp() {
        try (NemoSimulator sim = Fast.builder().start()) {
            Api api = Api.registered(sim, TOKEN, 10);
            String userId = sim.userForToken(TOKEN).orElseThrow().userId();
            String sid = api.newSession("ja");

            assertEquals(1, sim.users().size());
            assertEquals(userId, sim.sessions().get(0).userId());
            assertEquals("ja", sim.session(sid).orElseThrow().language());
            assertEquals("{\"t\":[]}", sim.session(sid).orElseThrow().draft().toString());
            assertTrue(sim.userForToken("nope").isEmpty());
        }
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() {
        try (NemoSimulator sim = Fast.builder().start()) {
            Api api = Api.registered(sim, TOKEN, 10);
            assertEquals(404, api.get("/api/nothing").status());
            assertEquals(405, api.post("/api/credits/balance/simple", "{}").status());
        }
    }
}
