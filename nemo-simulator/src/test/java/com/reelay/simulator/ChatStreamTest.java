package com.reelay.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatStreamTest {
    private NemoSimulator sim;

    private Api start(NemoSimulator.Builder builder, long credits) {
        sim = builder.start();
        return Api.registered(sim, "token-user", credits);
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void adkStreamsPartialChunksThenOneFinalEventRepeatingTheWholeText() {
        Api api = start(Fast.builder().sseShape(SseShape.ADK), 1000);
        String sid = api.newSession();

        SseTranscript t = api.chat(sid, "what can you do?");

        List<JsonNode> events = t.events();
        StringBuilder partials = new StringBuilder();
        int finals = 0;
        for (JsonNode e : events) {
            assertEquals("nemo_agent", e.path("author").asText());
            assertEquals("model", e.path("content").path("role").asText());
            assertTrue(e.path("id").isTextual() && e.path("invocationId").isTextual() && e.path("timestamp").isNumber(), e.toString());
            String text = e.path("content").path("parts").get(0).path("text").asText();
            if (e.path("partial").asBoolean(false)) {
                partials.append(text);
            } else {
                finals++;
                assertEquals(partials.toString(), text, "the final event repeats the whole text");
            }
        }
        assertEquals(1, finals);
        assertTrue(events.size() >= 3, "several partial chunks");
        assertTrue(t.text().contains("click Export"), t.text());
    }

    @Test
    void typedStreamsSendTextDeltasWithoutARepeat() {
        Api api = start(Fast.builder().sseShape(SseShape.TYPED), 1000);
        String sid = api.newSession();

        SseTranscript t = api.chat(sid, "make a video of a city timelapse");

        List<String> types = new ArrayList<>();
        for (JsonNode e : t.events()) {
            types.add(e.path("type").asText());
        }
        assertTrue(types.contains("tool_call") && types.contains("tool_result"), types.toString());
        assertEquals(types.indexOf("tool_call") + 1, types.indexOf("tool_result"));
        String text = t.text();
        assertEquals(1, count(text, "Your video is ready in the timeline. Click Export to download it."), text);
        JsonNode call = t.events().get(types.indexOf("tool_call"));
        assertEquals("generate_video_with_seedance", call.path("name").asText());
        assertEquals(10, call.path("args").path("duration").asInt());
        JsonNode result = t.events().get(types.indexOf("tool_result"));
        assertEquals("success", result.path("result").path("status").asText());
    }

    @Test
    void mixedShapeAlternatesPerStream() {
        Api api = start(Fast.builder().sseShape(SseShape.MIXED), 1000);
        String sid = api.newSession();

        SseTranscript first = api.chat(sid, "hello?");
        SseTranscript second = api.chat(sid, "hello?");
        SseTranscript third = api.chat(sid, "hello?");

        assertTrue(SseTranscript.isAdk(first.events().get(0)));
        assertEquals("text", second.events().get(0).path("type").asText());
        assertTrue(SseTranscript.isAdk(third.events().get(0)));
        assertEquals(first.text(), second.text());
    }

    @Test
    void heartbeatsFlowDuringAGenerationInEveryForm() {
        Api api = start(Fast.builder().sseShape(SseShape.TYPED), 1000);
        String sid = api.newSession();

        SseTranscript t = api.chat(sid, "generate a video of waves");

        boolean comment = false;
        boolean emptyData = false;
        boolean typed = false;
        for (SseTranscript.Frame f : t.frames) {
            comment |= f.isComment();
            emptyData |= f.isEmptyData();
            typed |= f.isTypedHeartbeat();
        }
        assertTrue(comment && emptyData && typed, "comment, empty data: and typed heartbeats all appear");
    }

    @Test
    void aGenerationCreatesTheVideoTrackAndCostsItsCreditsAtTheEnd() {
        Api api = start(Fast.builder(), 1000);
        String sid = api.newSession();

        SseTranscript t = api.chat(sid, "Make an 8 second video of a city timelapse at night");

        assertEquals(List.of("generate_video_with_seedance"), t.toolCalls());
        JsonNode draft = api.state(sid).path("draft");
        JsonNode video = draft.path("t").get(0);
        assertEquals(0, video.path("tt").asInt());
        assertEquals("city timelapse at night", video.path("m").path("name").asText());
        assertEquals(8000, video.path("sg").get(0).path("d").asLong());
        assertEquals(1080, draft.path("m").path("width").asInt());
        assertEquals(1920, draft.path("m").path("height").asInt());
        assertEquals(1, api.state(sid).path("generated_media").size());
        JsonNode credits = api.credits().data();
        assertEquals(900, credits.path("available").asLong());
        assertEquals(0, credits.path("frozen").asLong());
        assertEquals(900, credits.path("total").asLong());
    }

    @Test
    void musicTitleAndTrimEditTheTimeline() {
        Api api = start(Fast.builder().noTextProbability(0), 1000);
        String sid = api.newSession();
        api.chat(sid, "generate a 10 second video of a forest");

        SseTranscript music = api.chat(sid, "add some lo-fi music");
        SseTranscript title = api.chat(sid, "add a title \"Urban Dreams\"");
        SseTranscript trim = api.chat(sid, "trim it to 6 seconds");

        assertEquals(List.of("generate_music"), music.toolCalls());
        assertEquals(List.of("edit_multitrack"), title.toolCalls());
        assertEquals(List.of("edit_multitrack"), trim.toolCalls());
        JsonNode tracks = api.state(sid).path("draft").path("t");
        assertEquals(3, tracks.size());
        assertEquals(1, tracks.get(1).path("tt").asInt());
        assertEquals("Lo-fi", tracks.get(1).path("m").path("name").asText());
        assertEquals(0.35, tracks.get(1).path("m").path("volume").asDouble());
        assertEquals(7, tracks.get(2).path("tt").asInt());
        assertEquals("Urban Dreams", tracks.get(2).path("sg").get(0).path("m").path("title").asText());
        assertEquals(6000, tracks.get(0).path("sg").get(0).path("d").asLong());
        assertEquals(6000, tracks.get(1).path("sg").get(0).path("d").asLong());
        assertEquals(3000, tracks.get(2).path("sg").get(0).path("d").asLong());
        assertTrue(trim.text().contains("6 seconds"), trim.text());
        assertEquals(1000 - 100 - 3 * 50, api.credits().data().path("available").asLong());
    }

    @Test
    void otherEditsAreNotedOnTheVideoAndRemovalsDropTracks() {
        Api api = start(Fast.builder().noTextProbability(0), 1000);
        String sid = api.newSession();
        api.chat(sid, "generate a video of a forest");
        api.chat(sid, "add piano music");
        api.chat(sid, "add a title 'Woods'");

        SseTranscript filter = api.chat(sid, "apply a vintage filter");
        api.chat(sid, "remove the music");
        SseTranscript noTitle = api.chat(sid, "delete the title");

        assertEquals("apply_edit", filter.firstToolArgs().path("operation").asText());
        assertEquals("remove_track", noTitle.firstToolArgs().path("operation").asText());
        JsonNode tracks = api.state(sid).path("draft").path("t");
        assertEquals(1, tracks.size());
        assertEquals("apply a vintage filter", tracks.get(0).path("sg").get(0).path("m").path("edits").get(0).asText());
        assertEquals(10000, tracks.get(0).path("sg").get(0).path("d").asLong(), "a filter does not change the length");
    }

    @Test
    void questionsAreFreeAndUseNoTools() {
        Api api = start(Fast.builder(), 10);
        String sid = api.newSession();

        SseTranscript t = api.chat(sid, "How does this work?");

        assertTrue(t.toolCalls().isEmpty());
        assertTrue(t.hasText());
        assertEquals(10, api.credits().data().path("available").asLong());
    }

    @Test
    void anEditOfAnEmptyTimelineIsAFreeExplanation() {
        Api api = start(Fast.builder(), 10);
        String sid = api.newSession();

        SseTranscript t = api.chat(sid, "make it shorter");

        assertTrue(t.toolCalls().isEmpty());
        assertTrue(t.text().contains("timeline is empty"), t.text());
        assertEquals(10, api.credits().data().path("available").asLong());
    }

    @Test
    void chineseSessionsGetChineseGuiTalk() {
        Api api = start(Fast.builder().noTextProbability(0), 1000);
        String sid = api.newSession("zh-CN");

        SseTranscript gen = api.chat(sid, "生成一个10秒的城市延时视频");
        SseTranscript title = api.chat(sid, "加一个标题“城市之梦”");

        assertEquals(List.of("generate_video_with_seedance"), gen.toolCalls());
        assertTrue(gen.text().contains("点击导出"), gen.text());
        assertEquals("城市延时", api.state(sid).path("draft").path("t").get(0).path("m").path("name").asText());
        assertTrue(title.text().contains("城市之梦"), title.text());
        assertEquals("城市之梦", api.state(sid).path("draft").path("t").get(1).path("sg").get(0).path("m").path("title").asText());
    }

    @Test
    void anUploadedImageFeedsTheNextGeneration() {
        Api api = start(Fast.builder(), 1000);
        String sid = api.newSession();
        Api.Result upload = api.post("/api/upload-video/nemo_agent/me/" + sid,
                "{\"urls\":[\"https://example.com/photos/beach.png\"],\"source_type\":\"url\"}");
        String cdnUrl = upload.data().path("files").get(0).path("cdn_url").asText();

        SseTranscript t = api.chat(sid, "animate this photo into a video");

        assertEquals(cdnUrl, t.firstToolArgs().path("reference_image").asText());
        assertEquals(cdnUrl, api.state(sid).path("draft").path("t").get(0).path("sg").get(0).path("m").path("reference").asText());
        SseTranscript next = api.chat(sid, "generate another video of a forest");
        assertFalse(next.firstToolArgs().has("reference_image"), "an upload feeds one generation");
    }

    @Test
    void notEnoughCreditsIsRefusedBeforeStreamingWithARegistrationLinkForAnonymousUsers() {
        sim = Fast.builder().start();
        Api.Result token = Api.anonymousToken(sim.baseUrl(), "client-x", null);
        String userId = token.data().path("user_id").asText();
        Api anon = new Api(sim.baseUrl(), token.data().path("token").asText());
        String sid = anon.newSession();
        anon.chat(sid, "generate a video of a cat");

        Api.Result refused = anon.chatRefused(sid, "add music");

        assertEquals(200, refused.status());
        assertTrue(refused.header("Content-Type").startsWith("application/json"));
        assertEquals(2001, refused.code());
        assertEquals("https://nemovideo.com/register?bind=" + userId, refused.data().path("registration_url").asText());
        assertEquals(List.of("generate a video of a cat"), sim.chatMessagesReceived(sid));

        Api registered = Api.registered(sim, "token-poor", 10);
        String sid2 = registered.newSession();
        Api.Result poor = registered.chatRefused(sid2, "add music");
        assertEquals(2001, poor.code());
        assertFalse(poor.data().has("registration_url"));
    }

    @Test
    void creditsStayFrozenWhileAStreamRuns() throws Exception {
        Api api = start(Fast.builder(), 1000);
        String sid = api.newSession();
        sim.faults().nextStream().heartbeatsOnly();

        try (SseReader reader = SseReader.open(api.http, api.chatRequest(sid, "generate a video of rain"))) {
            assertNotNull(reader.next());
            JsonNode credits = api.credits().data();
            assertEquals(900, credits.path("available").asLong());
            assertEquals(100, credits.path("frozen").asLong());
            assertEquals(1000, credits.path("total").asLong());
        }
        // A stuck agent whose client left gives the credits back.
        Fast.eventually(() -> assertEquals(1000, sim.user(sim.userForToken("token-user").orElseThrow().userId()).orElseThrow().available()));
    }

    @Test
    void aMalformedChatRequestIs400() {
        Api api = start(Fast.builder(), 1000);
        String sid = api.newSession();

        Api.Result empty = api.chatRefused(sid, " ");
        Api.Result notJson = api.post("/run_sse", "{not json");

        assertEquals(400, empty.status());
        assertEquals(400, empty.code());
        assertEquals(400, notJson.status());
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
