package com.reelay.core.nemo;

import static com.reelay.core.nemo.NemoResponses.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Render watching: the poll schedule, reports, transient errors and the end. */
class RenderWatchTest {

    private final MockWebServer server = new MockWebServer();
    private final RecordingTimers timers = new RecordingTimers();
    private final List<RenderStatus> seen = new CopyOnWriteArrayList<>();
    private NemoSettings settings;
    private OkHttpNemoClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        settings = TestClients.fast(server);
        client = TestClients.client(settings, null, Clock.systemUTC(), new RecordingSleeper(), timers);
    }

    @AfterEach
    void stop() {
        client.close();
        timers.close();
        server.close();
    }

    private static String status(String state, int progress) {
        return "{\"id\":\"render_1\",\"status\":\"" + state + "\",\"progress\":" + progress + "}";
    }

    @Test
    void pollsSoonThenBacksOffToTheCapAndReportsEveryStatus() throws Exception {
        server.enqueue(success(status("pending", 0)));
        server.enqueue(success(status("processing", 10)));
        server.enqueue(success(status("processing", 30)));
        server.enqueue(success(status("processing", 60)));
        server.enqueue(success(status("processing", 90)));
        server.enqueue(success("{\"id\":\"render_1\",\"status\":\"completed\",\"progress\":100,"
                + "\"output\":{\"url\":\"https://cdn/out.mp4\"}}"));

        RenderStatus done = client.awaitRender(TestClients.fixed(), "render_1", seen::add).get(10, TimeUnit.SECONDS);

        assertEquals(RenderState.COMPLETED, done.state());
        assertEquals("https://cdn/out.mp4", done.outputUrl());
        assertEquals(List.of(0, 10, 30, 60, 90, 100), seen.stream().map(RenderStatus::progress).collect(Collectors.toList()));
        // renderFirstPoll 10 ms, then ×1.5 up to renderMaxPollInterval 40 ms.
        assertEquals(settings.renderFirstPoll(), Duration.ofMillis(10));
        assertEquals(settings.renderMaxPollInterval(), Duration.ofMillis(40));
        assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(15), Duration.ofNanos(22_500_000),
                Duration.ofNanos(33_750_000), Duration.ofMillis(40), Duration.ofMillis(40)), timers.delays);
        assertEquals("/api/render/proxy/lambda/render_1",
                server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath());
    }

    @Test
    void aFailedRenderCompletesNormallyWithItsError() throws Exception {
        server.enqueue(success("{\"id\":\"render_1\",\"status\":\"failed\",\"progress\":20,\"error\":\"timeline empty\"}"));
        RenderStatus done = client.awaitRender(TestClients.fixed(), "render_1", seen::add).get(10, TimeUnit.SECONDS);
        assertEquals(RenderState.FAILED, done.state());
        assertEquals("timeline empty", done.error());
        assertEquals(1, seen.size());
    }

    @Test
    void transientErrorsKeepThePollingGoing() throws Exception {
        server.enqueue(success(status("processing", 10)));
        for (int i = 0; i < settings.retryAttempts(); i++) {
            server.enqueue(NemoResponses.http(503, null));
        }
        server.enqueue(NemoResponses.http(429, null));
        server.enqueue(NemoResponses.http(429, null));
        server.enqueue(success("{\"status\":\"completed\",\"outputUrl\":\"https://cdn/out.mp4\"}"));

        RenderStatus done = client.awaitRender(TestClients.fixed(), "render_1", seen::add).get(10, TimeUnit.SECONDS);

        assertEquals("https://cdn/out.mp4", done.outputUrl());
        assertEquals("render_1", done.renderId());
        assertEquals(2, seen.size());
        assertEquals(4, timers.delays.size(), "one poll per scheduled time, failed ones included");
    }

    @Test
    void anUnrecoverableErrorEndsTheWatchExceptionally() {
        server.enqueue(success(status("processing", 10)));
        server.enqueue(NemoResponses.code(1002, "session not found"));
        CompletableFuture<RenderStatus> watch = client.awaitRender(TestClients.fixed(), "render_1", seen::add);
        ExecutionException e = assertThrows(ExecutionException.class, () -> watch.get(10, TimeUnit.SECONDS));
        assertInstanceOf(NemoException.SessionNotFound.class, e.getCause());
        assertEquals(1, seen.size());
    }

    @Test
    void aConsumerThatThrowsDoesNotStopTheWatch() throws Exception {
        server.enqueue(success(status("processing", 50)));
        server.enqueue(success(status("completed", 100)));
        RenderStatus done = client.awaitRender(TestClients.fixed(), "render_1", status -> {
            throw new IllegalStateException("consumer bug");
        }).get(10, TimeUnit.SECONDS);
        assertEquals(RenderState.COMPLETED, done.state());
    }

    @Test
    void theRealSchedulerPollsUntilDone() throws Exception {
        client.close();
        client = TestClients.client(settings, new RecordingSleeper());
        server.enqueue(success(status("processing", 50)));
        server.enqueue(success("{\"status\":\"completed\",\"outputUrl\":\"https://cdn/out.mp4\"}"));
        RenderStatus done = client.awaitRender(TestClients.fixed(), "render_1", seen::add).get(10, TimeUnit.SECONDS);
        assertEquals("https://cdn/out.mp4", done.outputUrl());
        assertTrue(seen.size() == 2);
    }

    @Test
    void closingTheClientEndsOpenWatches() throws Exception {
        client.close();
        client = TestClients.client(NemoSettings.defaults(server.url("/").toString()), new RecordingSleeper());
        CompletableFuture<RenderStatus> watch = client.awaitRender(TestClients.fixed(), "render_1", seen::add);
        client.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> watch.get(5, TimeUnit.SECONDS));
        assertInstanceOf(NemoException.Cancelled.class, e.getCause());
        assertEquals(0, server.getRequestCount());
    }
}
