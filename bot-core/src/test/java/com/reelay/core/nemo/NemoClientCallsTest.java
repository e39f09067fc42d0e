package com.reelay.core.nemo;

import static com.reelay.core.nemo.NemoResponses.bare;
import static com.reelay.core.nemo.NemoResponses.ok;
import static com.reelay.core.nemo.NemoResponses.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.reelay.core.nemo.internal.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each endpoint's request and answer: paths, bodies, headers, envelopes. */
class NemoClientCallsTest {

    private static final String SID = "7123456789012345678";
    private static final Instant NOW = Instant.parse("2030-05-01T10:00:00Z");

    private final MockWebServer server = new MockWebServer();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private OkHttpNemoClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        NemoSettings fast = TestClients.fast(server);
        NemoSettings attributed = new NemoSettings(fast.baseUrl(), "video-maker-free-online-ai", "2.3.4", "cursor",
                fast.rateLimitWait(), fast.maxRateLimitWait(), fast.retryAttempts(), fast.retryBaseDelay(),
                fast.streamTimeout(), fast.streamIdleTimeout(), fast.renderFirstPoll(), fast.renderMaxPollInterval(),
                fast.maxConcurrentRequests(), fast.connectTimeout(), fast.callTimeout());
        client = TestClients.client(attributed, null, Clock.fixed(NOW, ZoneOffset.UTC), sleeper, null);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private RecordedRequest take() throws InterruptedException {
        return TestClients.take(server);
    }

    @Test
    void everyCallCarriesTheAttributionHeadersAndTheToken() throws Exception {
        NemoAuth auth = TestClients.fixed();
        server.enqueue(ok("{\"task_id\":\"t\",\"session_id\":\"" + SID + "\"}"));
        client.createSession(auth, "en");
        server.enqueue(ok("{\"available\":1,\"frozen\":0,\"total\":1}"));
        client.credits(auth);
        server.enqueue(ok("{\"state\":{\"draft\":{}}}"));
        client.state(auth, SID);
        server.enqueue(ok("{\"files\":[]}"));
        client.upload(auth, SID, List.of(new UploadSource("a.mp4", 3, "video/mp4",
                () -> new ByteArrayInputStream(new byte[3]))));
        server.enqueue(ok("{\"files\":[]}"));
        client.uploadUrls(auth, SID, List.of("https://example.com/a.mp4"));
        server.enqueue(success("{\"id\":\"r\",\"status\":\"pending\"}"));
        client.submitRender(auth, SID, Json.MAPPER.createObjectNode());
        server.enqueue(success("{\"id\":\"r\",\"status\":\"processing\"}"));
        client.renderStatus(auth, "r");
        server.enqueue(success("{}"));
        client.cancelRender(auth, "r");
        server.enqueue(SseScript.events("{\"type\":\"text\",\"content\":\"hi\"}"));
        client.chat(auth, SID, "hi", event -> { }).reply().get(5, TimeUnit.SECONDS);

        assertEquals(9, server.getRequestCount());
        for (int i = 0; i < 9; i++) {
            RecordedRequest request = take();
            String what = request.getMethod() + " " + request.getUrl().encodedPath();
            assertEquals("video-maker-free-online-ai", request.getHeaders().get("X-Skill-Source"), what);
            assertEquals("2.3.4", request.getHeaders().get("X-Skill-Version"), what);
            assertEquals("cursor", request.getHeaders().get("X-Skill-Platform"), what);
            assertEquals("Bearer " + TestClients.FIXED_TOKEN, request.getHeaders().get("Authorization"), what);
        }
    }

    @Test
    void theAnonymousTokenCallCarriesAttributionButNoAuthorization() throws Exception {
        server.enqueue(NemoResponses.token(TestClients.NEW_TOKEN, "anon_1"));
        server.enqueue(ok("{\"available\":1}"));
        client.credits(NemoAuth.anonymous(new RecordingKeeper()));
        RecordedRequest tokenCall = take();
        assertEquals("/api/auth/anonymous-token", tokenCall.getUrl().encodedPath());
        assertNull(tokenCall.getHeaders().get("Authorization"));
        assertEquals("video-maker-free-online-ai", tokenCall.getHeaders().get("X-Skill-Source"));
        assertEquals("cursor", tokenCall.getHeaders().get("X-Skill-Platform"));
    }

    @Test
    void createSessionSendsTheContractBodyAndKeepsTheSessionIdExact() throws Exception {
        server.enqueue(bare("{\"task_id\":\"t1\",\"session_id\":7123456789012345678,\"user_id\":\"u1\"}"));
        NemoSession session = client.createSession(TestClients.fixed(), "zh-CN");
        assertEquals(new NemoSession("t1", SID, "u1"), session);
        RecordedRequest request = take();
        assertEquals("POST", request.getMethod());
        assertEquals("/api/tasks/me/with-session/nemo_agent", request.getUrl().encodedPath());
        JsonNode body = Json.MAPPER.readTree(request.getBody().utf8());
        assertEquals("project", body.get("task_name").asText());
        assertEquals("zh-CN", body.get("language").asText());
    }

    @Test
    void allThreeEnvelopesAreUnwrapped() throws Exception {
        server.enqueue(ok("{\"available\":90,\"frozen\":10,\"total\":100}"));
        server.enqueue(success("{\"available\":80,\"frozen\":0,\"total\":80}"));
        server.enqueue(bare("{\"available\":70,\"frozen\":5,\"total\":75}"));
        assertEquals(new Credits(90, 10, 100), client.credits(TestClients.fixed()));
        assertEquals(new Credits(80, 0, 80), client.credits(TestClients.fixed()));
        assertEquals(new Credits(70, 5, 75), client.credits(TestClients.fixed()));
        assertEquals("/api/credits/balance/simple", take().getUrl().encodedPath());
    }

    @Test
    void aFailedRenderSubmitIsAgentFailedAndAFailedStatusReadIsUnexpected() {
        server.enqueue(NemoResponses.json(200, "{\"success\":false,\"error\":\"draft is empty\"}"));
        NemoException.AgentFailed failed = assertThrows(NemoException.AgentFailed.class,
                () -> client.submitRender(TestClients.fixed(), SID, Json.MAPPER.createObjectNode()));
        assertTrue(failed.getMessage().contains("draft is empty"), failed.getMessage());
        server.enqueue(NemoResponses.json(200, "{\"success\":false,\"error\":{\"message\":\"no such render\"}}"));
        assertThrows(NemoException.Unexpected.class, () -> client.renderStatus(TestClients.fixed(), "render_x"));
    }

    @Test
    void everySubmitGetsAFreshRenderIdAndSendsTheDraftAsIs() throws Exception {
        JsonNode draft = Json.MAPPER.readTree("{\"t\":[{\"tt\":0,\"sg\":[{\"d\":1000}]}],\"m\":{\"width\":1080}}");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            server.enqueue(success("{\"status\":\"pending\",\"progress\":0}"));
            RenderStatus status = client.submitRender(TestClients.fixed(), SID, draft);
            RecordedRequest request = take();
            assertEquals("/api/render/proxy/lambda", request.getUrl().encodedPath());
            JsonNode body = Json.MAPPER.readTree(request.getBody().utf8());
            String id = body.get("id").asText();
            assertTrue(id.matches("render_" + NOW.toEpochMilli() + "_[0-9a-z]+"), id);
            assertEquals(id, status.renderId());
            assertEquals(RenderState.PENDING, status.state());
            assertEquals(SID, body.get("sessionId").asText());
            assertEquals(draft, body.get("draft"));
            assertEquals("mp4", body.at("/output/format").asText());
            assertEquals("high", body.at("/output/quality").asText());
            ids.add(id);
        }
        assertNotEquals(ids.get(0), ids.get(1));
    }

    @Test
    void renderStatusReadsBothOutputUrlForms() throws Exception {
        server.enqueue(success("{\"id\":\"r1\",\"status\":\"completed\",\"progress\":100,\"outputUrl\":\"https://cdn/new.mp4\"}"));
        server.enqueue(success("{\"id\":\"r2\",\"status\":\"completed\",\"progress\":100,\"output\":{\"url\":\"https://cdn/old.mp4\"}}"));
        server.enqueue(success("{\"id\":\"r3\",\"status\":\"failed\",\"progress\":40,\"error\":\"lambda crashed\"}"));
        RenderStatus newer = client.renderStatus(TestClients.fixed(), "r1");
        RenderStatus older = client.renderStatus(TestClients.fixed(), "r2");
        RenderStatus failed = client.renderStatus(TestClients.fixed(), "r3");
        assertEquals(new RenderStatus("r1", RenderState.COMPLETED, 100, "https://cdn/new.mp4", null), newer);
        assertEquals("https://cdn/old.mp4", older.outputUrl());
        assertEquals(RenderState.FAILED, failed.state());
        assertEquals("lambda crashed", failed.error());
        assertEquals("/api/render/proxy/lambda/r1", take().getUrl().encodedPath());
    }

    @Test
    void cancelRenderPostsToItsPathAndIsRetriedOnServerErrors() throws Exception {
        server.enqueue(NemoResponses.http(502, null));
        server.enqueue(success("{}"));
        client.cancelRender(TestClients.fixed(), "render_1");
        assertEquals(2, server.getRequestCount());
        RecordedRequest request = take();
        assertEquals("POST", request.getMethod());
        assertEquals("/api/render/proxy/lambda/render_1/cancel", request.getUrl().encodedPath());
    }

    @Test
    void stateReadsTheDraftIntoATimeline() throws Exception {
        server.enqueue(ok("{\"state\":{\"draft\":{\"t\":[{\"tt\":0,\"sg\":[{\"d\":10000,\"m\":{\"title\":\"city\"}}]},"
                + "{\"tt\":1,\"m\":{\"name\":\"Lo-fi\",\"volume\":35},\"sg\":[{\"d\":10000}]}],\"m\":{\"width\":1920,"
                + "\"height\":1080},\"x\":\"unknown\"},\"video_infos\":[{\"id\":1}],\"generated_media\":[]}}"));
        SessionState state = client.state(TestClients.fixed(), SID);
        assertEquals("/api/state/nemo_agent/me/" + SID + "/latest", take().getUrl().encodedPath());
        assertEquals(2, state.timeline().tracks().size());
        assertEquals(0.35, state.timeline().tracks().get(1).volume(), 1e-9);
        assertEquals(1920, state.timeline().width());
        assertEquals("unknown", state.draft().get("x").asText(), "the raw draft is kept as sent");
        assertEquals(1, state.videoInfos().get(0).get("id").asInt());
        assertTrue(state.generatedMedia().isArray());
    }

    @Test
    void aDraftSentAsAJsonStringIsReadToo() throws Exception {
        String inner = "{\\\"t\\\":[{\\\"tt\\\":7,\\\"sg\\\":[{\\\"d\\\":3000,\\\"m\\\":{\\\"text\\\":\\\"Urban Dreams\\\"}}]}]}";
        server.enqueue(ok("{\"state\":{\"draft\":\"" + inner + "\"}}"));
        SessionState state = client.state(TestClients.fixed(), SID);
        assertEquals("Urban Dreams", state.timeline().tracks().get(0).segments().get(0).title());
        assertTrue(state.draft().isObject());
    }

    @Test
    void anEmptyStateIsAnEmptyTimeline() throws Exception {
        server.enqueue(ok("{\"state\":{}}"));
        SessionState state = client.state(TestClients.fixed(), SID);
        assertTrue(state.draft().isNull());
        assertEquals(Timeline.empty(), state.timeline());
    }

    @Test
    void aBaseUrlWithAPathPrefixIsKept() throws Exception {
        client.close();
        client = TestClients.client(TestClients.fast(server).withBaseUrl(server.url("/proxy/nemo/").toString()), sleeper);
        server.enqueue(ok("{\"available\":1}"));
        client.credits(TestClients.fixed());
        assertEquals("/proxy/nemo/api/credits/balance/simple", take().getUrl().encodedPath());
    }

    @Test
    void uploadedFilesAreRead() throws Exception {
        server.enqueue(ok("{\"files\":[{\"filename\":\"a.mp4\",\"file_type\":\"video\",\"cdn_url\":\"https://cdn/a.mp4\","
                + "\"duration\":12.5,\"width\":1920,\"height\":\"1080\",\"hash\":\"h1\"},{\"filename\":\"b.png\"}]}"));
        List<UploadedFile> files = client.uploadUrls(TestClients.fixed(), SID,
                List.of("https://example.com/a.mp4", "https://example.com/b.png"));
        assertEquals(new UploadedFile("a.mp4", "video", "https://cdn/a.mp4", 12.5, 1920, 1080, "h1"), files.get(0));
        assertEquals(new UploadedFile("b.png", null, null, null, null, null, null), files.get(1));
        RecordedRequest request = take();
        assertEquals("/api/upload-video/nemo_agent/me/" + SID, request.getUrl().encodedPath());
        JsonNode body = Json.MAPPER.readTree(request.getBody().utf8());
        assertEquals("url", body.get("source_type").asText());
        assertEquals(List.of("https://example.com/a.mp4", "https://example.com/b.png"),
                List.of(body.get("urls").get(0).asText(), body.get("urls").get(1).asText()));
        assertTrue(request.getHeaders().get("Content-Type").startsWith("application/json"));
        assertEquals(0, new String(request.getBody().toByteArray(), StandardCharsets.UTF_8).indexOf('{'));
    }
}
