package com.reelay.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestFaultsTest {
    private NemoSimulator sim;
    private Api api;

    @BeforeEach
    void start() {
        sim = Fast.builder().start();
        api = Api.registered(sim, "token-user", 1000);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void respondCodeHitsTheNextNRequestsThenTheEndpointRecovers() {
        sim.faults().next(2, Endpoint.CREDITS).respondCode(1001);

        Api.Result first = api.credits();
        Api.Result second = api.credits();
        Api.Result third = api.credits();

        assertEquals(401, first.status());
        assertEquals("{\"code\":1001,\"message\":\"token expired or invalid\"}", first.body());
        assertEquals(1001, second.code());
        assertEquals(0, third.code());
        assertEquals(3, sim.requestCount(Endpoint.CREDITS));
    }

    @Test
    void aScriptedCodeUsesTheStatusTheRealErrorWouldHave() {
        String sid = api.newSession();
        sim.faults().next(Endpoint.RUN_SSE).respondCode(1002)
                .next(Endpoint.STATE).respondCode(1002)
                .next(Endpoint.CREDITS).respondCode(2001, 403);

        Api.Result chat = api.chatRefused(sid, "hello");
        Api.Result state = api.get("/api/state/nemo_agent/me/" + sid + "/latest");
        Api.Result credits = api.credits();

        assertEquals(404, chat.status());
        assertEquals(1002, chat.code());
        assertEquals(200, state.status());
        assertEquals(1002, state.code());
        assertEquals(403, credits.status());
        assertEquals(2001, credits.code());
        assertTrue(sim.chatMessagesReceived(sid).isEmpty(), "a faulted chat request never reaches the agent");
    }

    @Test
    void aScripted2001CarriesTheRegistrationLinkForAnonymousUsers() {
        Api.Result token = Api.anonymousToken(sim.baseUrl(), "client-1", null);
        Api anon = new Api(sim.baseUrl(), token.data().path("token").asText());
        String sid = anon.newSession();
        sim.faults().next(Endpoint.RUN_SSE).respondCode(2001);

        Api.Result r = anon.chatRefused(sid, "hello");

        assertEquals(200, r.status());
        assertEquals("https://nemovideo.com/register?bind=" + token.data().path("user_id").asText(),
                r.data().path("registration_url").asText());
    }

    @Test
    void respondHttpSendsABareStatusOrAGivenBody() {
        sim.faults().next(Endpoint.CREDITS).respondHttp(503)
                .next(Endpoint.CREDITS).respondHttp(502, "{\"oops\":true}");

        Api.Result empty = api.credits();
        Api.Result withBody = api.credits();

        assertEquals(503, empty.status());
        assertEquals("", empty.body());
        assertEquals(502, withBody.status());
        assertEquals("{\"oops\":true}", withBody.body());
    }

    @Test
    void delayHoldsTheAnswer() {
        sim.faults().next(Endpoint.CREDITS).delay(Duration.ofMillis(150));

        long started = System.nanoTime();
        Api.Result r = api.credits();
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertEquals(0, r.code());
        assertTrue(tookMs >= 150, "took " + tookMs + " ms");
    }

    @Test
    void rateLimitIs429WithRetryAfterInTheEndpointsEnvelope() {
        String sid = api.newSession();
        sim.faults().next(Endpoint.RUN_SSE).rateLimit(Duration.ofMillis(2500))
                .next(Endpoint.RENDER_STATUS).rateLimit(Duration.ofSeconds(30));

        Api.Result chat = api.chatRefused(sid, "hello");
        Api.Result render = api.renderStatus("render_1");

        assertEquals(429, chat.status());
        assertEquals("3", chat.header("Retry-After"));
        assertEquals(429, chat.code());
        assertEquals(429, render.status());
        assertEquals("30", render.header("Retry-After"));
        assertEquals(false, render.json().path("success").asBoolean(true));
        assertTrue(sim.chatMessagesReceived(sid).isEmpty());
    }

    @Test
    void bareDropsTheEnvelope() {
        sim.faults().next(Endpoint.CREDITS).bare();

        Api.Result bare = api.credits();
        Api.Result wrapped = api.credits();

        assertEquals("{\"available\":1000,\"frozen\":0,\"total\":1000}", bare.body());
        assertEquals(0, wrapped.code());
    }

    @Test
    void faultsQueueInOrderAndCanBeCleared() {
        sim.faults().next(Endpoint.CREDITS).respondHttp(500).next(2, Endpoint.CREDITS).respondCode(1001)
                .next(Endpoint.ANONYMOUS_TOKEN).rateLimit(Duration.ofSeconds(1));
        assertEquals(4, sim.faults().pending());

        assertEquals(500, api.credits().status());
        assertEquals(1001, api.credits().code());
        sim.faults().clear();

        assertEquals(0, sim.faults().pending());
        assertEquals(0, api.credits().code());
        assertEquals(200, Api.anonymousToken(sim.baseUrl(), "client", null).status());
    }

    @Test
    void setCreditsChangesTheAvailableBalance() {
        String userId = sim.userForToken("token-user").orElseThrow().userId();

        sim.setCredits(userId, 7);

        assertEquals(7, api.credits().data().path("available").asLong());
        assertEquals(7, sim.user(userId).orElseThrow().total());
    }
}
