package com.reelay.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthTest {

    /** A registered account's token (made up). */
    private static final String REGISTERED = "nmv_usr_" + "registeredUser000000000000000";

    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private NemoSimulator sim;

    @BeforeEach
    void start() {
        sim = Fast.builder().clock(clock).anonymousTokensPerIp(3, Duration.ofDays(7)).start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void anonymousTokenHasTheContractShape() {
        Api.Result r = Api.anonymousToken(sim.baseUrl(), "client-1", null);

        assertEquals(200, r.status());
        assertEquals(0, r.code());
        assertEquals("success", r.json().path("message").asText());
        assertTrue(r.data().path("token").asText().matches("nmv_usr_[A-Za-z0-9]{32}"), r.body());
        assertTrue(r.data().path("user_id").asText().startsWith("anon_"));
        assertEquals("2025-03-08T10:00:00Z", r.data().path("expires_at").asText());
        assertEquals(100, r.data().path("credits").asLong());
    }

    @Test
    void missingClientIdIs400() {
        Api.Result r = Api.anonymousToken(sim.baseUrl(), null, null);

        assertEquals(400, r.status());
        assertEquals("{\"code\":400,\"message\":\"missing X-Client-Id\"}", r.body());
    }

    @Test
    void theSameClientIdKeepsItsUserTokenAndBalance() {
        Api.Result first = Api.anonymousToken(sim.baseUrl(), "client-1", null);
        String userId = first.data().path("user_id").asText();
        sim.setCredits(userId, 40);

        Api.Result again = Api.anonymousToken(sim.baseUrl(), "client-1", null);

        assertEquals(userId, again.data().path("user_id").asText());
        assertEquals(first.data().path("token").asText(), again.data().path("token").asText());
        assertEquals(40, again.data().path("credits").asLong());
        assertEquals(40, new Api(sim.baseUrl(), again.data().path("token").asText()).credits().data().path("available").asLong());
    }

    @Test
    void anonymousTokensExpireAfterSevenDaysAndTheClientIdGetsAFreshOne() {
        Api.Result first = Api.anonymousToken(sim.baseUrl(), "client-1", null);
        Api api = new Api(sim.baseUrl(), first.data().path("token").asText());
        clock.advance(Duration.ofDays(7).minusSeconds(1));
        assertEquals(200, api.credits().status());

        clock.advance(Duration.ofSeconds(1));
        Api.Result expired = api.credits();
        assertEquals(401, expired.status());
        assertEquals("{\"code\":1001,\"message\":\"token expired or invalid\"}", expired.body());

        Api.Result renewed = Api.anonymousToken(sim.baseUrl(), "client-1", null);
        assertEquals(first.data().path("user_id").asText(), renewed.data().path("user_id").asText());
        assertNotEquals(first.data().path("token").asText(), renewed.data().path("token").asText());
        assertEquals(200, new Api(sim.baseUrl(), renewed.data().path("token").asText()).credits().status());
    }

    @Test
    void perIpLimitCountsNewClientIdsAndSaysWhenToRetry() {
        for (int i = 1; i <= 3; i++) {
            assertEquals(200, Api.anonymousToken(sim.baseUrl(), "client-" + i, null).status());
        }
        clock.advance(Duration.ofHours(1));
        Api.Result limited = Api.anonymousToken(sim.baseUrl(), "client-4", null);

        assertEquals(429, limited.status());
        assertEquals(429, limited.code());
        assertEquals(Long.toString(Duration.ofDays(7).minusHours(1).toSeconds()), limited.header("Retry-After"));
        // Known client ids still get their identity back; other IPs have their own allowance.
        assertEquals(200, Api.anonymousToken(sim.baseUrl(), "client-2", null).status());
        assertEquals(200, Api.anonymousToken(sim.baseUrl(), "client-4", "10.0.0.9").status());

        clock.advance(Duration.ofDays(7));
        assertEquals(200, Api.anonymousToken(sim.baseUrl(), "client-5", null).status());
    }

    @Test
    void registeredUsersAreNotAnonymousAndTheirTokensDoNotAge() {
        String userId = sim.registerUser(REGISTERED, 500);
        Api api = Api.of(sim, REGISTERED);
        clock.advance(Duration.ofDays(60));

        Api.Result credits = api.credits();

        assertTrue(userId.startsWith("usr_"), userId);
        assertEquals(500, credits.data().path("available").asLong());
        assertEquals(false, sim.user(userId).orElseThrow().anonymous());
    }

    @Test
    void everyAuthenticatedEndpointRefusesAnUnknownOrMissingToken() {
        Api stranger = Api.of(sim, "nmv_usr_nobody");
        Api anonymous = Api.of(sim, null);
        for (Api api : new Api[] {stranger, anonymous}) {
            assertRefused(api.post("/api/tasks/me/with-session/nemo_agent", "{\"task_name\":\"project\",\"language\":\"en\"}"));
            assertRefused(api.chatRefused("1234567890123456789", "hi"));
            assertRefused(api.post("/api/upload-video/nemo_agent/me/1234567890123456789", "{\"urls\":[\"https://x.test/a.mp4\"],\"source_type\":\"url\"}"));
            assertRefused(api.credits());
            assertRefused(api.get("/api/state/nemo_agent/me/1234567890123456789/latest"));
            assertRefused(api.post("/api/render/proxy/lambda", "{\"id\":\"render_1\"}"));
            assertRefused(api.renderStatus("render_1"));
            assertRefused(api.post("/api/render/proxy/lambda/render_1/cancel", "{}"));
        }
    }

    @Test
    void expiringOneTokenOrAllOfThem() {
        Api a = Api.registered(sim, "token-a", 10);
        Api b = Api.registered(sim, "token-b", 10);

        sim.expireToken("token-a");
        assertRefused(a.credits());
        assertEquals(200, b.credits().status());

        sim.expireAllTokens();
        assertRefused(b.credits());
    }

    private static void assertRefused(Api.Result r) {
        assertEquals(401, r.status(), r.body());
        assertEquals(1001, r.code(), r.body());
    }
}
