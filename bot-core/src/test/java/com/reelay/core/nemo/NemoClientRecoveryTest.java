package com.reelay.core.nemo;

import static com.reelay.core.nemo.NemoResponses.code;
import static com.reelay.core.nemo.NemoResponses.http;
import static com.reelay.core.nemo.NemoResponses.ok;
import static com.reelay.core.nemo.NemoResponses.token;
import static com.reelay.core.nemo.TestClients.CLIENT_ID;
import static com.reelay.core.nemo.TestClients.FIXED_TOKEN;
import static com.reelay.core.nemo.TestClients.NEW_TOKEN;
import static com.reelay.core.nemo.TestClients.OLD_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Identity, token refresh, error codes and the retry rules, at the HTTP seam. */
class NemoClientRecoveryTest {

    private final MockWebServer server = new MockWebServer();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private NemoSettings settings;
    private OkHttpNemoClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        settings = TestClients.fast(server);
        client = TestClients.client(settings, sleeper);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private RecordedRequest take() throws InterruptedException {
        return TestClients.take(server);
    }

    private static final String CREDITS = "{\"available\":90,\"frozen\":10,\"total\":100}";

    // ---- identity -------------------------------------------------------------------------

    @Test
    void fixedTokenIsSentAsIs() throws Exception {
        server.enqueue(ok(CREDITS));
        assertEquals(new Credits(90, 10, 100), client.credits(TestClients.fixed()));
        assertEquals("Bearer " + FIXED_TOKEN, take().getHeaders().get("Authorization"));
    }

    @Test
    void newAnonymousIdentityKeepsItsClientIdBeforeTheTokenCallAndReusesIt() throws Exception {
        RecordingKeeper keeper = new RecordingKeeper();
        NemoAuth auth = NemoAuth.anonymous(keeper);
        for (int i = 0; i < settings.retryAttempts(); i++) {
            server.enqueue(http(503, null));
        }
        assertThrows(NemoException.Unavailable.class, () -> client.credits(auth));

        // The client id was kept although the service never answered.
        assertEquals(1, keeper.saved.size());
        String clientId = keeper.saved.get(0).clientId();
        assertFalse(keeper.saved.get(0).hasToken());
        assertEquals(clientId, java.util.UUID.fromString(clientId).toString());
        for (int i = 0; i < settings.retryAttempts(); i++) {
            RecordedRequest tokenCall = take();
            assertEquals("/api/auth/anonymous-token", tokenCall.getUrl().encodedPath());
            assertEquals(clientId, tokenCall.getHeaders().get("X-Client-Id"));
        }

        server.enqueue(token(NEW_TOKEN, "anon_1"));
        server.enqueue(ok(CREDITS));
        client.credits(auth);
        RecordedRequest tokenCall = take();
        assertEquals("POST", tokenCall.getMethod());
        assertEquals(clientId, tokenCall.getHeaders().get("X-Client-Id"), "the kept client id is reused");
        assertNull(tokenCall.getHeaders().get("Authorization"), "no Authorization on the anonymous-token call");
        assertEquals("Bearer " + NEW_TOKEN, take().getHeaders().get("Authorization"));

        AnonymousIdentity kept = keeper.load().orElseThrow();
        assertEquals(clientId, kept.clientId());
        assertEquals(NEW_TOKEN, kept.token());
        assertEquals("anon_1", kept.userId());
        assertEquals(Instant.parse("2999-01-01T00:00:00Z"), kept.expiresAt());
    }

    @Test
    void expiredTokenIsReplacedBeforeTheCall() throws Exception {
        RecordingKeeper keeper = new RecordingKeeper(
                new AnonymousIdentity(CLIENT_ID, OLD_TOKEN, "anon_1", Instant.parse("2001-01-01T00:00:00Z")));
        server.enqueue(token(NEW_TOKEN, "anon_1"));
        server.enqueue(ok(CREDITS));
        client.credits(NemoAuth.anonymous(keeper));
        assertEquals(CLIENT_ID, take().getHeaders().get("X-Client-Id"));
        assertEquals("Bearer " + NEW_TOKEN, take().getHeaders().get("Authorization"));
    }

    // ---- 1001 / 401 ----------------------------------------------------------------------------

    @Test
    void code1001RefreshesWithTheSameClientIdAndRetriesOnce() throws Exception {
        RecordingKeeper keeper = TestClients.keptIdentity();
        server.enqueue(code(1001, "token expired"));
        server.enqueue(token(NEW_TOKEN, TestClients.USER_ID));
        server.enqueue(ok(CREDITS));

        assertEquals(90, client.credits(NemoAuth.anonymous(keeper)).available());

        assertEquals("Bearer " + OLD_TOKEN, take().getHeaders().get("Authorization"));
        RecordedRequest refresh = take();
        assertEquals("/api/auth/anonymous-token", refresh.getUrl().encodedPath());
        assertEquals(CLIENT_ID, refresh.getHeaders().get("X-Client-Id"));
        assertNull(refresh.getHeaders().get("Authorization"));
        assertEquals("Bearer " + NEW_TOKEN, take().getHeaders().get("Authorization"));
        assertEquals(NEW_TOKEN, keeper.load().orElseThrow().token());
        assertEquals(CLIENT_ID, keeper.load().orElseThrow().clientId());
    }

    @Test
    void http401IsTreatedLike1001() throws Exception {
        server.enqueue(http(401, null));
        server.enqueue(token(NEW_TOKEN, TestClients.USER_ID));
        server.enqueue(ok(CREDITS));
        client.credits(NemoAuth.anonymous(TestClients.keptIdentity()));
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void code1001AfterTheRefreshIsTokenRejected() throws Exception {
        server.enqueue(code(1001, "token expired"));
        server.enqueue(token(NEW_TOKEN, TestClients.USER_ID));
        server.enqueue(code(1001, "token expired"));
        NemoException.TokenRejected e = assertThrows(NemoException.TokenRejected.class,
                () -> client.credits(NemoAuth.anonymous(TestClients.keptIdentity())));
        assertEquals(1001, e.code());
        assertTrue(e.getMessage().contains("/api/credits/balance/simple"), e.getMessage());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void fixedTokenRejectionIsFinalWithoutRefresh() throws Exception {
        server.enqueue(code(1001, "bad token"));
        assertThrows(NemoException.TokenRejected.class, () -> client.credits(TestClients.fixed()));
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void concurrent1001sOnOneIdentityRefreshOnce() throws Exception {
        AtomicInteger tokenCalls = new AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getUrl().encodedPath().equals("/api/auth/anonymous-token")) {
                    tokenCalls.incrementAndGet();
                    return token(NEW_TOKEN, TestClients.USER_ID);
                }
                boolean fresh = ("Bearer " + NEW_TOKEN).equals(request.getHeaders().get("Authorization"));
                return fresh ? ok(CREDITS) : code(1001, "token expired");
            }
        });
        NemoAuth auth = NemoAuth.anonymous(TestClients.keptIdentity());
        int callers = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Credits>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return client.credits(auth);
                }));
            }
            go.countDown();
            for (Future<Credits> result : results) {
                assertEquals(90, result.get(10, TimeUnit.SECONDS).available());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, tokenCalls.get());
    }

    // ---- error codes ---------------------------------------------------------------------------

    @Test
    void code1002IsSessionNotFound() {
        server.enqueue(code(1002, "session not found"));
        NemoException.SessionNotFound e = assertThrows(NemoException.SessionNotFound.class,
                () -> client.state(TestClients.fixed(), "7123456789012345678"));
        assertTrue(e.getMessage().contains("GET /api/state/nemo_agent/me/7123456789012345678/latest"), e.getMessage());
        assertTrue(e.getMessage().contains("1002"), e.getMessage());
    }

    @Test
    void code2001CarriesTheRegistrationUrlTheServiceGave() {
        server.enqueue(code(2001, "no credits", "{\"registration_url\":\"https://nemovideo.com/r/xyz\"}"));
        NemoException.OutOfCredits e = assertThrows(NemoException.OutOfCredits.class,
                () -> client.createSession(NemoAuth.anonymous(TestClients.keptIdentity()), "en"));
        assertEquals("https://nemovideo.com/r/xyz", e.registrationUrl().orElseThrow());
    }

    @Test
    void code2001ForAnAnonymousIdentityLinksRegistrationToItsBindId() {
        server.enqueue(code(2001, "no credits"));
        NemoException.OutOfCredits e = assertThrows(NemoException.OutOfCredits.class,
                () -> client.createSession(NemoAuth.anonymous(TestClients.keptIdentity()), "en"));
        assertEquals("https://nemovideo.com/register?bind=" + TestClients.USER_ID, e.registrationUrl().orElseThrow());
        assertFalse(e.getMessage().contains(TestClients.USER_ID), "the bind id stays out of the message");
    }

    @Test
    void code2001ForAFixedTokenHasNoRegistrationUrl() {
        server.enqueue(code(2001, "no credits", "{\"registration_url\":\"https://nemovideo.com/r/xyz\"}"));
        NemoException.OutOfCredits e = assertThrows(NemoException.OutOfCredits.class,
                () -> client.createSession(TestClients.fixed(), "en"));
        assertTrue(e.registrationUrl().isEmpty());
    }

    @Test
    void code4001IsUnsupportedFile() {
        server.enqueue(code(4001, "unsupported"));
        NemoException.UnsupportedFile e = assertThrows(NemoException.UnsupportedFile.class,
                () -> client.uploadUrls(TestClients.fixed(), "1", List.of("https://x/a.mp4")));
        assertTrue(e.acceptedExtensions().contains("mp4"));
    }

    @Test
    void code4002IsFileTooLargeAlsoUnderAnHttpError() {
        server.enqueue(NemoResponses.json(400, "{\"code\":4002,\"message\":\"too large\"}"));
        assertThrows(NemoException.FileTooLarge.class,
                () -> client.uploadUrls(TestClients.fixed(), "1", List.of("https://x/a.mp4")));
    }

    @Test
    void http402IsExportNotAllowed() {
        server.enqueue(http(402, null));
        NemoException.ExportNotAllowed e = assertThrows(NemoException.ExportNotAllowed.class,
                () -> client.submitRender(TestClients.fixed(), "1", com.fasterxml.jackson.databind.node.NullNode.getInstance()));
        assertEquals(402, e.code());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void http400IsBadRequest() {
        server.enqueue(NemoResponses.json(400, "{\"message\":\"missing X-Client-Id\"}"));
        NemoException.BadRequest e = assertThrows(NemoException.BadRequest.class,
                () -> client.credits(TestClients.fixed()));
        assertEquals(400, e.code());
        assertTrue(e.getMessage().contains("missing X-Client-Id"), e.getMessage());
    }

    @Test
    void unknownCodeIsUnexpected() {
        server.enqueue(code(3333, "odd"));
        NemoException.Unexpected e = assertThrows(NemoException.Unexpected.class,
                () -> client.credits(TestClients.fixed()));
        assertEquals(3333, e.code());
    }

    // ---- 429 -----------------------------------------------------------------------------------

    @Test
    void rateLimitWaitsRetryAfterSecondsThenRetriesOnce() throws Exception {
        client.close();
        client = TestClients.client(TestClients.rateLimits(settings, Duration.ofSeconds(30), Duration.ofMinutes(2)), sleeper);
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").build());
        server.enqueue(ok(CREDITS));
        client.credits(TestClients.fixed());
        assertEquals(List.of(Duration.ofSeconds(7)), sleeper.waits);
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void rateLimitWaitsUntilAnHttpDate() throws Exception {
        Instant now = Instant.parse("2030-05-01T10:00:00Z");
        client.close();
        client = TestClients.client(TestClients.rateLimits(settings, Duration.ofSeconds(30), Duration.ofMinutes(2)),
                null, Clock.fixed(now, ZoneOffset.UTC), sleeper, null);
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(now.plusSeconds(45), ZoneOffset.UTC));
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", date).build());
        server.enqueue(ok(CREDITS));
        client.credits(TestClients.fixed());
        assertEquals(List.of(Duration.ofSeconds(45)), sleeper.waits);
    }

    @Test
    void rateLimitWithoutRetryAfterWaitsTheConfiguredTimeAndNeverMoreThanTheCap() throws Exception {
        client.close();
        client = TestClients.client(TestClients.rateLimits(settings, Duration.ofSeconds(30), Duration.ofSeconds(60)), sleeper);
        server.enqueue(http(429, null));
        server.enqueue(ok(CREDITS));
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());
        server.enqueue(ok(CREDITS));
        client.credits(TestClients.fixed());
        client.credits(TestClients.fixed());
        assertEquals(List.of(Duration.ofSeconds(30), Duration.ofSeconds(60)), sleeper.waits);
    }

    @Test
    void rateLimitTwiceIsRateLimited() {
        server.enqueue(code(429, "slow down"));
        server.enqueue(code(429, "slow down"));
        NemoException.RateLimited e = assertThrows(NemoException.RateLimited.class,
                () -> client.credits(TestClients.fixed()));
        assertEquals(settings.rateLimitWait(), e.retryAfter());
        assertEquals(1, sleeper.waits.size());
        assertEquals(2, server.getRequestCount());
    }

    // ---- 5xx and I/O ---------------------------------------------------------------------------

    @Test
    void serverErrorsOnAGetAreRetriedWithBackoff() throws Exception {
        server.enqueue(http(503, null));
        server.enqueue(NemoResponses.json(502, "{\"message\":\"bad gateway\"}"));
        server.enqueue(ok(CREDITS));
        assertEquals(90, client.credits(TestClients.fixed()).available());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void serverErrorsBeyondTheAttemptsAreUnavailable() {
        for (int i = 0; i < settings.retryAttempts() + 1; i++) {
            server.enqueue(http(500, null));
        }
        NemoException.Unavailable e = assertThrows(NemoException.Unavailable.class,
                () -> client.renderStatus(TestClients.fixed(), "render_1"));
        assertEquals(500, e.code());
        assertEquals(settings.retryAttempts(), server.getRequestCount());
    }

    @Test
    void serverErrorOnSessionCreateIsNotRetried() {
        server.enqueue(http(503, null));
        server.enqueue(ok("{\"task_id\":\"t\",\"session_id\":\"1\"}"));
        assertThrows(NemoException.Unavailable.class, () -> client.createSession(TestClients.fixed(), "en"));
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void connectionLostAfterSendingIsNotRetriedForSessionCreate() throws Exception {
        // A pooled connection first: OkHttp itself would silently replay a replayable body on it.
        server.enqueue(ok(CREDITS));
        client.credits(TestClients.fixed());
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(ok("{\"task_id\":\"t\",\"session_id\":\"1\"}"));
        assertThrows(NemoException.Unavailable.class, () -> client.createSession(TestClients.fixed(), "en"));
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void connectionLostOnAGetIsRetried() throws Exception {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(ok(CREDITS));
        assertEquals(90, client.credits(TestClients.fixed()).available());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void ordinaryCallsKeepTheirCallTimeout() {
        client.close();
        client = TestClients.client(TestClients.callTimeout(settings, Duration.ofMillis(100)), sleeper);
        server.enqueue(new MockResponse.Builder().headersDelay(1, TimeUnit.SECONDS)
                .body("{\"code\":0,\"data\":{}}").build());
        long started = System.nanoTime();
        assertThrows(NemoException.Unavailable.class, () -> client.createSession(TestClients.fixed(), "en"));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 900, "cut off by the call timeout");
    }

    @Test
    void connectFailuresAreRetriedEvenForSessionCreate() throws Exception {
        FlakySocketFactory sockets = new FlakySocketFactory(2);
        OkHttpClient shared = new OkHttpClient.Builder().socketFactory(sockets).retryOnConnectionFailure(false).build();
        client.close();
        client = TestClients.client(settings, shared, Clock.systemUTC(), sleeper, null);
        server.enqueue(ok("{\"task_id\":\"t1\",\"session_id\":\"7123456789012345678\",\"user_id\":\"u\"}"));

        NemoSession session = client.createSession(TestClients.fixed(), "en");

        assertEquals("7123456789012345678", session.sessionId());
        assertEquals(3, sockets.attempts.get());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void connectFailuresBeyondTheAttemptsAreUnavailable() {
        FlakySocketFactory sockets = new FlakySocketFactory(100);
        OkHttpClient shared = new OkHttpClient.Builder().socketFactory(sockets).retryOnConnectionFailure(false).build();
        client.close();
        client = TestClients.client(settings, shared, Clock.systemUTC(), sleeper, null);
        NemoException.Unavailable e = assertThrows(NemoException.Unavailable.class,
                () -> client.createSession(TestClients.fixed(), "en"));
        assertInstanceOf(java.net.ConnectException.class, e.getCause());
        assertEquals(settings.retryAttempts(), sockets.attempts.get());
        assertEquals(0, server.getRequestCount());
    }
}
