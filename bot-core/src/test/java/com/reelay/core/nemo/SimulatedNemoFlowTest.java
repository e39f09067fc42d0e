package com.reelay.core.nemo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.testing.SimulatedNemo;
import com.reelay.simulator.Endpoint;
import com.reelay.simulator.Envelope;
import com.reelay.simulator.NemoSimulator;
import com.reelay.simulator.NemoSimulatorExtension;
import com.reelay.simulator.RecordedRequest;
import com.reelay.simulator.RenderOutputForm;
import com.reelay.simulator.SseShape;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real flows against the stateful NemoVideo simulator (one fresh simulator per test, time scaled down 100×). */
class SimulatedNemoFlowTest {

    @RegisterExtension
    final NemoSimulatorExtension nemo = new NemoSimulatorExtension(b -> b.timeScale(0.01).anonymousCredits(1000)
            .renderDurations(Duration.ofMillis(30), Duration.ofMillis(60))
            .sseShape(SseShape.MIXED)
            .renderOutputForm(RenderOutputForm.OUTPUT_OBJECT)
            .renderStatusEnvelopes(Envelope.SUCCESS, Envelope.BARE, Envelope.CODE));

    private NemoSimulator sim;
    private OkHttpNemoClient client;
    private RecordingKeeper keeper;
    private NemoAuth auth;

    @BeforeEach
    void start() {
        sim = nemo.simulator();
        client = new OkHttpNemoClient(SimulatedNemo.settings(sim.baseUrl()));
        keeper = new RecordingKeeper();
        auth = NemoAuth.anonymous(keeper);
    }

    @AfterEach
    void stop() {
        client.close();
    }

    private ChatReply chat(String sessionId, String message, RecordingListener listener) throws Exception {
        return client.chat(auth, sessionId, message, listener).reply().get(10, TimeUnit.SECONDS);
    }

    @Test
    void fromNothingToAnExportedVideo() throws Exception {
        NemoSession session = client.createSession(auth, "en");
        assertTrue(session.sessionId().matches("\\d{19}"), session.sessionId());
        String bindId = auth.bindId().orElseThrow();
        long creditsBefore = client.credits(auth).available();

        RecordingListener listener = new RecordingListener();
        ChatReply generated = chat(session.sessionId(), "make a video of a city timelapse", listener);
        assertTrue(generated.hasText(), "the generation answers with text");
        assertFalse(generated.toolsUsed().isEmpty());
        assertEquals(String.join("", listener.texts()), generated.text(), "no text was shown twice");
        chat(session.sessionId(), "add lo-fi background music", new RecordingListener());

        SessionState state = client.state(auth, session.sessionId());
        assertTrue(state.timeline().isExportable(), "the draft has segments: " + state.draft());
        assertTrue(state.timeline().tracks().stream().anyMatch(t -> t.kind() == TrackKind.VIDEO));
        assertTrue(state.timeline().tracks().stream().anyMatch(t -> t.kind() == TrackKind.AUDIO));
        assertTrue(client.credits(auth).available() < creditsBefore, "the work cost credits");

        RenderStatus submitted = client.submitRender(auth, session.sessionId(), state.draft());
        List<RenderStatus> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        RenderStatus done = client.awaitRender(auth, submitted.renderId(), seen::add).get(10, TimeUnit.SECONDS);
        assertEquals(RenderState.COMPLETED, done.state(), String.valueOf(done));
        assertNotNull(done.outputUrl());
        assertFalse(seen.isEmpty());

        assertEquals(1, sim.requestCount(Endpoint.ANONYMOUS_TOKEN));
        assertEquals(bindId, sim.userForToken(keeper.load().orElseThrow().token()).orElseThrow().userId());
        for (RecordedRequest request : sim.requests()) {
            assertEquals(NemoSettings.DEFAULT_SKILL_SOURCE, request.header("X-Skill-Source"), request.path());
        }
    }

    @Test
    void expiredTokensAreRenewedForTheSameClientId() throws Exception {
        client.credits(auth);
        sim.expireAllTokens();
        client.credits(auth);
        NemoSession session = client.createSession(auth, "en");
        sim.expireAllTokens();
        chat(session.sessionId(), "what can you do?", new RecordingListener());

        List<String> clientIds = sim.requests(Endpoint.ANONYMOUS_TOKEN).stream()
                .map(r -> r.header("X-Client-Id")).distinct().collect(Collectors.toList());
        assertEquals(3, sim.requestCount(Endpoint.ANONYMOUS_TOKEN));
        assertEquals(List.of(keeper.load().orElseThrow().clientId()), clientIds);
        assertEquals(List.of("what can you do?"), sim.chatMessagesReceived(session.sessionId()));
    }

    @Test
    void aDroppedStreamIsBrokenAndTheMessageIsNotSentAgain() throws Exception {
        NemoSession session = client.createSession(auth, "en");
        sim.faults().nextStream().dropAfter(2);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> chat(session.sessionId(), "make a video of waves", new RecordingListener()));
        assertInstanceOf(NemoException.StreamBroken.class, e.getCause());
        assertEquals(1, sim.requestCount(Endpoint.RUN_SSE));
        assertEquals(List.of("make a video of waves"), sim.chatMessagesReceived(session.sessionId()));
    }

    @Test
    void heartbeatsOnlyTimeOutAsIdle() throws Exception {
        client.close();
        client = new OkHttpNemoClient(NemoSettings.defaults(sim.baseUrl())
                .withFastTimings(Duration.ofMillis(300), Duration.ofSeconds(20)));
        NemoSession session = client.createSession(auth, "en");
        sim.faults().nextStream().heartbeatsOnly();
        RecordingListener listener = new RecordingListener();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> chat(session.sessionId(), "make a video of rain", listener));
        assertTrue(assertInstanceOf(NemoException.StreamTimedOut.class, e.getCause()).idle());
        assertTrue(listener.count(AgentEvent.Heartbeat.class) > 0, "heartbeats were seen");
        assertEquals(0, listener.count(AgentEvent.TextChunk.class));
    }

    @Test
    void anEditWithoutTextEndsWithAnEmptyReplyAndAChangedDraft() throws Exception {
        NemoSession session = client.createSession(auth, "en");
        chat(session.sessionId(), "make a video of a forest", new RecordingListener());
        Timeline before = client.state(auth, session.sessionId()).timeline();
        sim.faults().nextStream().noText();
        ChatReply reply = chat(session.sessionId(), "add a title saying Deep Woods", new RecordingListener());
        assertFalse(reply.hasText());
        Timeline after = client.state(auth, session.sessionId()).timeline();
        assertTrue(after.tracks().size() > before.tracks().size(), before + " -> " + after);
    }

    @Test
    void outOfCreditsOffersTheRegistrationLinkForThisIdentity() throws Exception {
        NemoSession session = client.createSession(auth, "en");
        sim.setCredits(auth.bindId().orElseThrow(), 0);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> chat(session.sessionId(), "make a video of a desert", new RecordingListener()));
        NemoException.OutOfCredits out = assertInstanceOf(NemoException.OutOfCredits.class, e.getCause());
        assertTrue(out.registrationUrl().orElseThrow().endsWith(auth.bindId().orElseThrow()),
                out.registrationUrl().orElseThrow());
    }

    @Test
    void aLostSessionIsSessionNotFound() throws Exception {
        NemoSession session = client.createSession(auth, "en");
        sim.loseSession(session.sessionId());
        assertThrows(NemoException.SessionNotFound.class, () -> client.state(auth, session.sessionId()));
    }

    @Test
    void rateLimitsAndServerErrorsAreRecovered() throws Exception {
        client.credits(auth);
        sim.faults().next(Endpoint.CREDITS).rateLimit(Duration.ZERO)
                .next(2, Endpoint.STATE).respondHttp(503);
        client.credits(auth);
        NemoSession session = client.createSession(auth, "en");
        client.state(auth, session.sessionId());
        assertEquals(3, sim.requestCount(Endpoint.CREDITS));
        assertEquals(3, sim.requestCount(Endpoint.STATE));
    }

    @Test
    void filesAreUploadedAsMultipart() throws Exception {
        NemoSession session = client.createSession(auth, "en");
        byte[] clip = new byte[300_000];
        List<UploadedFile> files = client.upload(auth, session.sessionId(), List.of(
                new UploadSource("holiday.mp4", clip.length, "video/mp4", () -> new ByteArrayInputStream(clip)),
                new UploadSource("cover.jpeg", 1000, "image/jpeg", () -> new ByteArrayInputStream(new byte[1000]))));
        assertEquals(List.of("holiday.mp4", "cover.jpg"),
                files.stream().map(UploadedFile::filename).collect(Collectors.toList()));
        assertTrue(files.stream().allMatch(f -> f.cdnUrl() != null));
    }
}
