package com.reelay.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RenderTest {
    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private NemoSimulator sim;
    private Api api;
    private String sid;
    private JsonNode draft;

    private void start(NemoSimulator.Builder builder) {
        sim = builder.clock(clock).renderDurations(Duration.ofSeconds(10), Duration.ofSeconds(40)).start();
        api = Api.registered(sim, "token-user", 1000);
        sid = api.newSession();
        api.chat(sid, "generate a video of a city");
        draft = api.state(sid).path("draft");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aRenderGoesPendingProcessingCompletedAndServesAnMp4() throws IOException {
        start(Fast.builder().renderOutputBytes(10_000));

        Api.Result started = api.startRender("render_1", sid, draft);
        assertEquals("{\"success\":true,\"data\":{\"id\":\"render_1\",\"status\":\"pending\",\"progress\":0}}", started.body());
        assertStatus("pending", 0);
        clock.advance(Duration.ofSeconds(10));
        assertStatus("processing", 1);
        clock.advance(Duration.ofSeconds(20));
        assertStatus("processing", 50);
        clock.advance(Duration.ofSeconds(19));
        assertStatus("processing", 96);
        clock.advance(Duration.ofSeconds(1));
        JsonNode done = assertStatus("completed", 100);

        String url = done.path("outputUrl").asText();
        assertEquals(sim.baseUrl() + "/cdn/renders/render_1.mp4", url);
        try (Response video = api.http.newCall(new Request.Builder().url(url).build()).execute()) {
            byte[] bytes = video.body().bytes();
            assertEquals("video/mp4", video.header("Content-Type"));
            assertEquals(10_000, bytes.length);
            assertArrayEquals("ftyp".getBytes(), Arrays.copyOfRange(bytes, 4, 8));
        }
        assertEquals(900, api.credits().data().path("available").asLong(), "exports cost nothing");
    }

    @Test
    void theOlderOutputUrlFormIsAvailable() {
        start(Fast.builder().renderOutputForm(RenderOutputForm.OUTPUT_OBJECT));
        api.startRender("render_1", sid, draft);
        clock.advance(Duration.ofMinutes(1));

        JsonNode done = api.renderStatus("render_1").data();

        assertFalse(done.has("outputUrl"));
        assertEquals(sim.baseUrl() + "/cdn/renders/render_1.mp4", done.path("output").path("url").asText());
    }

    @Test
    void theOutputDoesNotExistBeforeTheRenderCompletes() {
        start(Fast.builder());
        api.startRender("render_1", sid, draft);

        assertEquals(404, api.get("/cdn/renders/render_1.mp4").status());
    }

    @Test
    void aReusedIdIs409() {
        start(Fast.builder());
        api.startRender("render_1", sid, draft);

        Api.Result again = api.startRender("render_1", sid, draft);

        assertEquals(409, again.status());
        assertEquals("{\"success\":false,\"error\":\"render id already exists\"}", again.body());
    }

    @Test
    void anEmptyDraftCannotBeExported() {
        start(Fast.builder());
        com.fasterxml.jackson.databind.node.ObjectNode empty = Api.MAPPER.createObjectNode();
        empty.putArray("t");
        Api.Result r = api.startRender("render_1", sid, empty);
        Api.Result noSegments = api.post("/api/render/proxy/lambda",
                "{\"id\":\"render_2\",\"sessionId\":\"" + sid + "\",\"draft\":{\"t\":[{\"tt\":0,\"sg\":[]}]}}");

        assertEquals(400, r.status());
        assertFalse(r.json().path("success").asBoolean());
        assertTrue(r.json().path("error").asText().contains("empty"));
        assertEquals(400, noSegments.status());
    }

    @Test
    void exportWithoutAnyOfTheThreeAttributionHeadersIs402() {
        start(Fast.builder());
        for (String header : new String[] {"X-Skill-Source", "X-Skill-Version", "X-Skill-Platform"}) {
            Api.Result r = api.with(h -> h.remove(header)).startRender("render_" + header, sid, draft);

            assertEquals(402, r.status(), header);
            assertFalse(r.json().path("success").asBoolean());
            assertTrue(r.json().path("error").asText().contains(header));
        }
    }

    @Test
    void unknownOrForeignSessionsAndRendersAre404() {
        start(Fast.builder());
        Api other = Api.registered(sim, "token-other", 10);
        api.startRender("render_1", sid, draft);

        assertEquals(404, api.startRender("render_2", "1111111111111111111", draft).status());
        assertEquals(404, other.startRender("render_3", sid, draft).status());
        assertEquals(404, other.renderStatus("render_1").status());
        assertEquals(404, api.renderStatus("render_nope").status());
        assertEquals("{\"success\":false,\"error\":\"render not found\"}", api.renderStatus("render_nope").body());
    }

    @Test
    void renderCompletedAtIsTheInstantTheStatusTurnsCompleted() {
        start(Fast.builder());
        sim.faults().failNextRender("GPU on fire");
        api.startRender("render_1", sid, draft);
        api.startRender("render_2", sid, draft);

        Instant completed = sim.renderCompletedAt("render_2").orElseThrow();
        assertEquals(clock.instant().plusSeconds(50), completed, "10 s pending + 40 s processing");
        clock.advance(Duration.ofMillis(49_999));
        assertEquals("processing", api.renderStatus("render_2").data().path("status").asText());
        clock.advance(Duration.ofMillis(1));
        assertEquals("completed", api.renderStatus("render_2").data().path("status").asText());
        assertTrue(sim.renderCompletedAt("render_1").isEmpty(), "a failing render never completes");
        assertTrue(sim.renderCompletedAt("render_9").isEmpty(), "an unknown render");
    }

    @Test
    void failNextRenderFailsOneRenderHalfwayWithTheReason() {
        start(Fast.builder());
        sim.faults().failNextRender("GPU on fire");
        api.startRender("render_1", sid, draft);
        api.startRender("render_2", sid, draft);
        clock.advance(Duration.ofSeconds(30));

        JsonNode failed = api.renderStatus("render_1").data();
        assertEquals("failed", failed.path("status").asText());
        assertEquals("GPU on fire", failed.path("error").asText());
        assertEquals(50, failed.path("progress").asInt());
        clock.advance(Duration.ofSeconds(30));
        assertEquals("completed", api.renderStatus("render_2").data().path("status").asText());
    }

    @Test
    void failRendersFailsEveryRenderUntilCleared() {
        start(Fast.builder());
        sim.faults().failRenders();
        api.startRender("render_1", sid, draft);
        api.startRender("render_2", sid, draft);
        sim.faults().clear();
        api.startRender("render_3", sid, draft);
        clock.advance(Duration.ofMinutes(1));

        assertEquals("failed", api.renderStatus("render_1").data().path("status").asText());
        assertEquals("failed", api.renderStatus("render_2").data().path("status").asText());
        assertEquals("completed", api.renderStatus("render_3").data().path("status").asText());
    }

    @Test
    void cancelStopsARunningRenderAndRefusesAFinishedOne() {
        start(Fast.builder());
        api.startRender("render_1", sid, draft);
        api.startRender("render_2", sid, draft);
        clock.advance(Duration.ofSeconds(15));

        Api.Result cancelled = api.post("/api/render/proxy/lambda/render_1/cancel", "{}");
        clock.advance(Duration.ofMinutes(1));
        Api.Result late = api.post("/api/render/proxy/lambda/render_2/cancel", "{}");

        assertTrue(cancelled.json().path("success").asBoolean());
        assertEquals("failed", cancelled.data().path("status").asText());
        assertEquals("cancelled", api.renderStatus("render_1").data().path("error").asText());
        assertEquals(409, late.status());
        assertFalse(late.json().path("success").asBoolean());
    }

    @Test
    void statusEnvelopesRotateWhenConfigured() {
        start(Fast.builder().renderStatusEnvelopes(Envelope.SUCCESS, Envelope.BARE, Envelope.CODE));
        api.startRender("render_1", sid, draft);

        JsonNode success = api.renderStatus("render_1").json();
        JsonNode bare = api.renderStatus("render_1").json();
        JsonNode code = api.renderStatus("render_1").json();

        assertTrue(success.path("success").asBoolean());
        assertEquals("pending", success.path("data").path("status").asText());
        assertEquals("pending", bare.path("status").asText());
        assertFalse(bare.has("data"));
        assertEquals(0, code.path("code").asInt());
        assertEquals("pending", code.path("data").path("status").asText());
    }

    private JsonNode assertStatus(String status, int progress) {
        Api.Result r = api.renderStatus("render_1");
        assertTrue(r.json().path("success").asBoolean(), r.body());
        assertEquals(status, r.data().path("status").asText(), r.body());
        assertEquals(progress, r.data().path("progress").asInt(), r.body());
        return r.data();
    }
}
