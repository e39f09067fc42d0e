package com.reelay.core.nemo;

import static com.reelay.core.nemo.NemoResponses.code;
import static com.reelay.core.nemo.NemoResponses.http;
import static com.reelay.core.nemo.NemoResponses.token;
import static com.reelay.core.nemo.TestClients.NEW_TOKEN;
import static com.reelay.core.nemo.TestClients.OLD_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.reelay.core.nemo.internal.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chat stream: both event shapes, de-duplication, heartbeats, limits, failures and cancel. */
class ChatStreamTest {

    private static final String SID = "7123456789012345678";

    private final MockWebServer server = new MockWebServer();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final RecordingListener listener = new RecordingListener();
    private OkHttpNemoClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = TestClients.client(TestClients.fast(server), sleeper);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private void useTimings(Duration idle, Duration overall) {
        client.close();
        client = TestClients.client(NemoSettings.defaults(server.url("/").toString()).withFastTimings(idle, overall), sleeper);
    }

    private ChatReply reply(ChatStream stream) throws Exception {
        return stream.reply().get(10, TimeUnit.SECONDS);
    }

    private <T extends Throwable> T failure(ChatStream stream, Class<T> type) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> stream.reply().get(10, TimeUnit.SECONDS));
        return assertInstanceOf(type, e.getCause());
    }

    private static String adkText(String text, boolean partial) {
        return "{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":" + Json.write(text) + "}]},\"author\":\"nemo\","
                + "\"id\":\"e\",\"invocationId\":\"i\"" + (partial ? ",\"partial\":true" : "") + ",\"timestamp\":1.0}";
    }

    @Test
    void sendsTheMessageAsTheContractSays() throws Exception {
        server.enqueue(SseScript.events(adkText("hi", false)));
        reply(client.chat(TestClients.fixed(), SID, "make a video", listener));

        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("POST", request.getMethod());
        assertEquals("/run_sse", request.getUrl().encodedPath());
        assertEquals("text/event-stream", request.getHeaders().get("Accept"));
        assertEquals("Bearer " + TestClients.FIXED_TOKEN, request.getHeaders().get("Authorization"));
        JsonNode body = Json.MAPPER.readTree(request.getBody().utf8());
        assertEquals("nemo_agent", body.get("app_name").asText());
        assertEquals("me", body.get("user_id").asText());
        assertEquals(SID, body.get("session_id").asText());
        assertEquals("make a video", body.at("/new_message/parts/0/text").asText());
    }

    @Test
    void frameworkPartialsAreShownOnceAndTheFinalRepeatIsNot() throws Exception {
        server.enqueue(SseScript.events(
                adkText("Hello ", true),
                adkText("world", true),
                adkText("Hello world", false)));
        ChatReply reply = reply(client.chat(TestClients.fixed(), SID, "hi", listener));
        assertEquals(List.of("Hello ", "world"), listener.texts());
        assertEquals("Hello world", reply.text());
    }

    @Test
    void aFinalTextLongerThanThePartialsAddsOnlyWhatIsNew() throws Exception {
        server.enqueue(SseScript.events(
                adkText("Your video ", true),
                adkText("Your video is ready.", false)));
        ChatReply reply = reply(client.chat(TestClients.fixed(), SID, "hi", listener));
        assertEquals(List.of("Your video ", "is ready."), listener.texts());
        assertEquals("Your video is ready.", reply.text());
    }

    @Test
    void frameworkToolCallsAndResultsAreReportedInOrder() throws Exception {
        String call = "{\"content\":{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"id\":\"c1\","
                + "\"name\":\"generate_video_with_seedance\",\"args\":{\"prompt\":\"city\"}}}]},\"id\":\"e1\"}";
        String result = "{\"content\":{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"id\":\"c1\","
                + "\"name\":\"generate_video_with_seedance\",\"response\":{\"ok\":true}}}]},\"id\":\"e2\"}";
        String resultAsModel = result.replace("\"role\":\"user\"", "\"role\":\"tool\"");
        server.enqueue(SseScript.events(adkText("Generating…", false), call, resultAsModel, adkText("Done.", false)));

        ChatReply reply = reply(client.chat(TestClients.fixed(), SID, "hi", listener));

        assertEquals("Generating…\n\nDone.", reply.text());
        assertEquals(List.of("generate_video_with_seedance"), reply.toolsUsed());
        AgentEvent.ToolCall toolCall = listener.all(AgentEvent.ToolCall.class).get(0);
        assertEquals("c1", toolCall.id());
        assertEquals("city", toolCall.args().get("prompt").asText());
        AgentEvent.ToolResult toolResult = listener.all(AgentEvent.ToolResult.class).get(0);
        assertTrue(toolResult.result().get("ok").asBoolean());
        assertInstanceOf(AgentEvent.TextChunk.class, listener.events.get(0));
        assertInstanceOf(AgentEvent.ToolCall.class, listener.events.get(1));
        assertInstanceOf(AgentEvent.ToolResult.class, listener.events.get(2));
    }

    @Test
    void typedEventsAreUnderstood() throws Exception {
        server.enqueue(SseScript.events(
                "{\"type\":\"text\",\"content\":\"Adding \"}",
                "{\"type\":\"tool_call\",\"id\":\"t1\",\"name\":\"edit_multitrack\",\"args\":{\"op\":\"add\"}}",
                "{\"type\":\"heartbeat\"}",
                "{\"type\":\"tool_result\",\"id\":\"t1\",\"name\":\"edit_multitrack\",\"result\":{\"ok\":1}}",
                "{\"type\":\"text\",\"content\":\"music.\"}"));
        ChatReply reply = reply(client.chat(TestClients.fixed(), SID, "add music", listener));
        assertEquals("Adding music.", reply.text());
        assertEquals(List.of("edit_multitrack"), reply.toolsUsed());
        assertEquals(1, listener.count(AgentEvent.Heartbeat.class));
        assertEquals("add", listener.all(AgentEvent.ToolCall.class).get(0).args().get("op").asText());
        assertEquals(1, listener.all(AgentEvent.ToolResult.class).get(0).result().get("ok").asInt());
    }

    @Test
    void commentsEmptyDataAndHeartbeatEventsAreHeartbeats() throws Exception {
        server.enqueue(SseScript.stream(out -> {
            out.comment("ping");
            out.emptyData();
            out.data("{\"type\":\"heartbeat\"}");
            out.data("{\"type\":\"text\",\"content\":\"ok\"}");
            out.end();
        }));
        ChatReply reply = reply(client.chat(TestClients.fixed(), SID, "hi", listener));
        assertEquals("ok", reply.text());
        assertEquals(3, listener.count(AgentEvent.Heartbeat.class));
    }

    @Test
    void malformedEventsAreSkipped() throws Exception {
        server.enqueue(SseScript.events("{not json", "[1,2]", "\"just a string\"",
                "{\"type\":\"text\",\"content\":\"fine\"}", "{\"unknown\":true}"));
        ChatReply reply = reply(client.chat(TestClients.fixed(), SID, "hi", listener));
        assertEquals("fine", reply.text());
        assertEquals(1, listener.events.size());
    }

    @Test
    void aStreamThatClosesWithoutTextIsAnEmptyReply() throws Exception {
        server.enqueue(SseScript.stream(out -> {
            out.comment("working");
            out.end();
        }));
        ChatReply reply = reply(client.chat(TestClients.fixed(), SID, "trim the intro", listener));
        assertFalse(reply.hasText());
        assertTrue(reply.toolsUsed().isEmpty());
    }

    @Test
    void nothingButHeartbeatsTimesOutAsIdle() throws Exception {
        useTimings(Duration.ofMillis(300), Duration.ofSeconds(20));
        CountDownLatch clientGone = new CountDownLatch(1);
        server.enqueue(SseScript.stream(out -> {
            try {
                while (true) {
                    out.data("{\"type\":\"heartbeat\"}");
                    listener.seen.tryAcquire(50, TimeUnit.MILLISECONDS);
                }
            } catch (IOException gone) {
                clientGone.countDown();
            }
        }));
        ChatStream stream = client.chat(TestClients.fixed(), SID, "make a long video", listener);
        NemoException.StreamTimedOut e = failure(stream, NemoException.StreamTimedOut.class);
        assertTrue(e.idle());
        assertTrue(listener.count(AgentEvent.Heartbeat.class) >= 2, "heartbeats kept coming: " + listener.events.size());
        assertTrue(clientGone.await(5, TimeUnit.SECONDS), "the connection was closed");
    }

    @Test
    void totalSilenceTimesOutAsIdle() {
        useTimings(Duration.ofMillis(100), Duration.ofSeconds(20));
        CountDownLatch release = new CountDownLatch(1);
        server.enqueue(SseScript.stream(out -> release.await(5, TimeUnit.SECONDS)));
        try {
            NemoException.StreamTimedOut e = failure(client.chat(TestClients.fixed(), SID, "hi", listener),
                    NemoException.StreamTimedOut.class);
            assertTrue(e.idle());
        } finally {
            release.countDown();
        }
    }

    @Test
    void progressDoesNotHoldOffTheOverallLimit() {
        useTimings(Duration.ofSeconds(5), Duration.ofMillis(300));
        server.enqueue(SseScript.stream(out -> {
            while (true) {
                out.data("{\"type\":\"text\",\"content\":\".\"}");
                listener.seen.tryAcquire(50, TimeUnit.MILLISECONDS);
            }
        }));
        NemoException.StreamTimedOut e = failure(client.chat(TestClients.fixed(), SID, "hi", listener),
                NemoException.StreamTimedOut.class);
        assertFalse(e.idle());
        assertTrue(listener.texts().size() > 3);
    }

    @Test
    void aStreamQuieterThanTheCallTimeoutIsNotCutOff() throws Exception {
        client.close();
        client = TestClients.client(TestClients.callTimeout(TestClients.fast(server), Duration.ofMillis(100)), sleeper);
        CountDownLatch never = new CountDownLatch(1);
        server.enqueue(SseScript.stream(out -> {
            out.data("{\"type\":\"text\",\"content\":\"Rendering…\"}");
            never.await(400, TimeUnit.MILLISECONDS);
            out.data("{\"type\":\"text\",\"content\":\" done\"}");
            out.end();
        }));
        assertEquals("Rendering… done", reply(client.chat(TestClients.fixed(), SID, "hi", listener)).text());
    }

    @Test
    void aConnectionLostBeforeTheStreamStartsIsBrokenAndTheMessageNotSentAgain() throws Exception {
        server.enqueue(NemoResponses.ok("{\"available\":1}"));
        client.credits(TestClients.fixed());
        server.enqueue(new mockwebserver3.MockResponse.Builder()
                .onResponseStart(mockwebserver3.SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(SseScript.events("{\"type\":\"text\",\"content\":\"charged twice\"}"));
        failure(client.chat(TestClients.fixed(), SID, "hi", listener), NemoException.StreamBroken.class);
        assertEquals(2, server.getRequestCount());
        assertTrue(listener.events.isEmpty());
    }

    @Test
    void aDroppedConnectionIsStreamBroken() {
        server.enqueue(SseScript.stream(out -> {
            out.data("{\"type\":\"text\",\"content\":\"Starting\"}");
            listener.seen.tryAcquire(5, TimeUnit.SECONDS);
            out.drop();
        }));
        failure(client.chat(TestClients.fixed(), SID, "hi", listener), NemoException.StreamBroken.class);
        assertEquals(List.of("Starting"), listener.texts());
        assertEquals(1, server.getRequestCount(), "a message the service may have taken is never re-sent");
    }

    @Test
    void cancelEndsTheReplyAndClosesTheConnection() throws Exception {
        CountDownLatch clientGone = new CountDownLatch(1);
        server.enqueue(SseScript.stream(out -> {
            out.data("{\"type\":\"text\",\"content\":\"Working\"}");
            try {
                for (int i = 0; i < 1_000; i++) {
                    out.comment("still here");
                    listener.seen.tryAcquire(20, TimeUnit.MILLISECONDS);
                }
            } catch (IOException gone) {
                clientGone.countDown();
            }
        }));
        ChatStream stream = client.chat(TestClients.fixed(), SID, "hi", listener);
        assertTrue(listener.seen.tryAcquire(5, TimeUnit.SECONDS));
        stream.cancel();
        failure(stream, NemoException.Cancelled.class);
        assertTrue(clientGone.await(5, TimeUnit.SECONDS), "the call was cancelled");
    }

    @Test
    void outOfCreditsInTheStreamIsTyped() {
        server.enqueue(SseScript.events(adkText("Let me", true),
                "{\"errorCode\":\"2001\",\"errorMessage\":\"insufficient credits\"}"));
        NemoException.OutOfCredits e = failure(
                client.chat(NemoAuth.anonymous(TestClients.keptIdentity()), SID, "hi", listener),
                NemoException.OutOfCredits.class);
        assertEquals("https://nemovideo.com/register?bind=" + TestClients.USER_ID, e.registrationUrl().orElseThrow());
    }

    @Test
    void otherErrorsInTheStreamAreAgentFailed() {
        server.enqueue(SseScript.events("{\"error\":\"model overloaded\"}"));
        NemoException.AgentFailed e = failure(client.chat(TestClients.fixed(), SID, "hi", listener),
                NemoException.AgentFailed.class);
        assertTrue(e.getMessage().contains("model overloaded"), e.getMessage());
    }

    @Test
    void aRefusedTokenBeforeTheStreamIsRefreshedAndTheMessageSentOnce() throws Exception {
        RecordingKeeper keeper = TestClients.keptIdentity();
        server.enqueue(code(1001, "token expired"));
        server.enqueue(token(NEW_TOKEN, TestClients.USER_ID));
        server.enqueue(SseScript.events("{\"type\":\"text\",\"content\":\"hi\"}"));

        ChatReply reply = reply(client.chat(NemoAuth.anonymous(keeper), SID, "hi", listener));

        assertEquals("hi", reply.text());
        assertEquals("Bearer " + OLD_TOKEN, server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"));
        assertEquals(TestClients.CLIENT_ID, server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("X-Client-Id"));
        assertEquals("Bearer " + NEW_TOKEN, server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"));
    }

    @Test
    void aRefusedTokenTwiceIsTokenRejected() {
        server.enqueue(http(401, null));
        server.enqueue(token(NEW_TOKEN, TestClients.USER_ID));
        server.enqueue(http(401, null));
        failure(client.chat(NemoAuth.anonymous(TestClients.keptIdentity()), SID, "hi", listener),
                NemoException.TokenRejected.class);
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void aRateLimitBeforeTheStreamIsWaitedOutOnce() throws Exception {
        server.enqueue(http(429, null));
        server.enqueue(SseScript.events("{\"type\":\"text\",\"content\":\"ok\"}"));
        assertEquals("ok", reply(client.chat(TestClients.fixed(), SID, "hi", listener)).text());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void aRateLimitTwiceIsRateLimited() {
        server.enqueue(http(429, null));
        server.enqueue(code(429, "slow down"));
        failure(client.chat(TestClients.fixed(), SID, "hi", listener), NemoException.RateLimited.class);
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void aServerErrorIsNotRetried() {
        server.enqueue(http(503, null));
        server.enqueue(SseScript.events("{\"type\":\"text\",\"content\":\"charged twice\"}"));
        NemoException.Unavailable e = failure(client.chat(TestClients.fixed(), SID, "hi", listener),
                NemoException.Unavailable.class);
        assertEquals(503, e.code());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void otherRefusalsAreTyped() {
        server.enqueue(code(1002, "session not found"));
        failure(client.chat(TestClients.fixed(), SID, "hi", listener), NemoException.SessionNotFound.class);
    }

    @Test
    void aConnectFailureIsRetried() throws Exception {
        FlakySocketFactory sockets = new FlakySocketFactory(2);
        client.close();
        client = TestClients.client(TestClients.fast(server),
                new okhttp3.OkHttpClient.Builder().socketFactory(sockets).retryOnConnectionFailure(false).build(),
                java.time.Clock.systemUTC(), sleeper, null);
        server.enqueue(SseScript.events("{\"type\":\"text\",\"content\":\"ok\"}"));
        assertEquals("ok", reply(client.chat(TestClients.fixed(), SID, "hi", listener)).text());
        assertEquals(3, sockets.attempts.get());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aNewAnonymousIdentityGetsItsTokenBeforeChatting() throws Exception {
        RecordingKeeper keeper = new RecordingKeeper();
        server.enqueue(token(NEW_TOKEN, "anon_9"));
        server.enqueue(SseScript.events("{\"type\":\"text\",\"content\":\"ok\"}"));
        assertEquals("ok", reply(client.chat(NemoAuth.anonymous(keeper), SID, "hi", listener)).text());
        assertEquals("/api/auth/anonymous-token", server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath());
        assertEquals("Bearer " + NEW_TOKEN, server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"));
    }

    @Test
    void closingTheClientCancelsOpenStreams() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.enqueue(SseScript.stream(out -> {
            out.data("{\"type\":\"text\",\"content\":\"Working\"}");
            release.await(5, TimeUnit.SECONDS);
        }));
        try {
            ChatStream stream = client.chat(TestClients.fixed(), SID, "hi", listener);
            assertTrue(listener.seen.tryAcquire(5, TimeUnit.SECONDS));
            client.close();
            failure(stream, NemoException.Cancelled.class);
        } finally {
            release.countDown();
        }
    }

    @Test
    void manyStreamsRunAtOnce() throws Exception {
        int streams = 12;
        CountDownLatch allOpen = new CountDownLatch(streams);
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public mockwebserver3.MockResponse dispatch(RecordedRequest request) {
                return SseScript.stream(out -> {
                    out.data("{\"type\":\"text\",\"content\":\"a\"}");
                    allOpen.countDown();
                    allOpen.await(5, TimeUnit.SECONDS);
                    out.data("{\"type\":\"text\",\"content\":\"b\"}");
                    out.end();
                });
            }
        });
        List<ChatStream> open = new java.util.ArrayList<>();
        for (int i = 0; i < streams; i++) {
            open.add(client.chat(TestClients.fixed(), SID, "hi " + i, event -> { }));
        }
        for (ChatStream stream : open) {
            assertEquals("ab", reply(stream).text());
        }
    }
}
