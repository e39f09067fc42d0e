package com.reelay.core.nemo;

import com.reelay.core.nemo.internal.Sleeper;
import com.reelay.core.nemo.internal.Timers;
import java.time.Clock;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;

/** Clients and settings for tests: tiny timings, recorded waits. */
final class TestClients {

    static final String FIXED_TOKEN = "nmv_usr_fixed_SECRET_token";
    static final String OLD_TOKEN = "nmv_usr_old_SECRET_token";
    static final String NEW_TOKEN = "nmv_usr_new_SECRET_token";
    static final String CLIENT_ID = "5b1c7c0e-8f59-4d7e-9a51-3f7c2d9e0a11";
    static final String USER_ID = "anon_7731";

    private TestClients() {
    }

    /** The next request the server received, failing the test if none comes within 5 s. */
    static mockwebserver3.RecordedRequest take(MockWebServer server) throws InterruptedException {
        mockwebserver3.RecordedRequest request = server.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no request arrived");
        }
        return request;
    }

    static NemoSettings fast(MockWebServer server) {
        return NemoSettings.defaults(server.url("/").toString())
                .withFastTimings(Duration.ofSeconds(5), Duration.ofSeconds(20));
    }

    /** {@code settings} with other 429 waits. */
    static NemoSettings rateLimits(NemoSettings s, Duration wait, Duration max) {
        return new NemoSettings(s.baseUrl(), s.skillSource(), s.skillVersion(), s.skillPlatform(), wait, max,
                s.retryAttempts(), s.retryBaseDelay(), s.streamTimeout(), s.streamIdleTimeout(), s.renderFirstPoll(),
                s.renderMaxPollInterval(), s.maxConcurrentRequests(), s.connectTimeout(), s.callTimeout());
    }

    /** {@code settings} with another limit for ordinary calls. */
    static NemoSettings callTimeout(NemoSettings s, Duration callTimeout) {
        return new NemoSettings(s.baseUrl(), s.skillSource(), s.skillVersion(), s.skillPlatform(), s.rateLimitWait(),
                s.maxRateLimitWait(), s.retryAttempts(), s.retryBaseDelay(), s.streamTimeout(), s.streamIdleTimeout(),
                s.renderFirstPoll(), s.renderMaxPollInterval(), s.maxConcurrentRequests(), s.connectTimeout(), callTimeout);
    }

    static OkHttpNemoClient client(NemoSettings settings, Sleeper sleeper) {
        return new OkHttpNemoClient(settings, null, Clock.systemUTC(), sleeper, null);
    }

    static OkHttpNemoClient client(NemoSettings settings, OkHttpClient shared, Clock clock, Sleeper sleeper,
                                   Timers timers) {
        return new OkHttpNemoClient(settings, shared, clock, sleeper, timers);
    }

    static NemoAuth fixed() {
        return NemoAuth.fixedToken(FIXED_TOKEN);
    }

    /** An anonymous identity that already has a (possibly stale) token. */
    static NemoAuth anonymous(RecordingKeeper keeper) {
        return NemoAuth.anonymous(keeper);
    }

    static RecordingKeeper keptIdentity() {
        return new RecordingKeeper(new AnonymousIdentity(CLIENT_ID, OLD_TOKEN, USER_ID, null));
    }
}
