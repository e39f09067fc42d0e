package com.reelay.core.nemo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.reelay.core.nemo.AnonymousIdentity;
import com.reelay.core.nemo.IdentityKeeper;
import com.reelay.core.nemo.NemoAuth;
import com.reelay.core.nemo.RenderState;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import org.junit.jupiter.api.Test;

/** Retry-After, redaction, render status reading, expiry parsing, comment spotting, backoff. */
class SmallPartsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void retryAfterSecondsOrHttpDate() {
        assertEquals(Duration.ofSeconds(30), RetryAfter.parse("30", CLOCK));
        assertEquals(Duration.ofSeconds(90), RetryAfter.parse("Tue, 01 Jan 2030 00:01:30 GMT", CLOCK));
        assertEquals(Duration.ZERO, RetryAfter.parse("Mon, 31 Dec 2029 23:00:00 GMT", CLOCK));
        assertNull(RetryAfter.parse("soon", CLOCK));
        assertNull(RetryAfter.parse(null, CLOCK));
    }

    @Test
    void redactionMasksSecretsAndTokenShapes() {
        NemoAuth auth = NemoAuth.anonymous(IdentityKeeper.inMemory());
        auth.update(new AnonymousIdentity("my-client-id", "tok123456", "u-55555", null));
        String cleaned = Redaction.clean("bad tok123456 for my-client-id (u-55555); also nmv_usr_abc and "
                + "Bearer xyz and 123e4567-e89b-12d3-a456-426614174000 and anon_9", auth);
        for (String secret : new String[] {"tok123456", "my-client-id", "u-55555", "nmv_usr_abc", "xyz",
                "123e4567", "anon_9"}) {
            assertFalse(cleaned.contains(secret), cleaned);
        }
        assertTrue(cleaned.startsWith("bad ***"));
        assertEquals(161, Redaction.clean("x".repeat(500), null).length());
        assertEquals("a b", Redaction.clean("a\nb", null));
    }

    @Test
    void renderStatusForms() throws Exception {
        var fraction = Answers.renderStatus(Json.MAPPER.readTree("{\"status\":\"processing\",\"progress\":0.42}"), "r");
        assertEquals(42, fraction.progress());
        assertEquals("r", fraction.renderId());
        var legacy = Answers.renderStatus(Json.MAPPER.readTree("{\"status\":\"done\",\"output\":{\"url\":\"u\"}}"), "r");
        assertEquals(RenderState.COMPLETED, legacy.state());
        assertEquals(100, legacy.progress());
        assertEquals("u", legacy.outputUrl());
        var failed = Answers.renderStatus(Json.MAPPER.readTree("{\"status\":\"failed\",\"error\":{\"message\":\"oom\"}}"), "r");
        assertEquals("oom", failed.error());
    }

    @Test
    void expiryInstantsInSeveralForms() {
        assertEquals(Instant.parse("2030-01-08T00:00:00Z"), AnonymousTokens.instant(TextNode.valueOf("2030-01-08T00:00:00Z")));
        assertEquals(Instant.parse("2030-01-08T00:00:00Z"), AnonymousTokens.instant(TextNode.valueOf("2030-01-08T08:00:00+08:00")));
        assertEquals(Instant.ofEpochSecond(1_900_000_000L), AnonymousTokens.instant(LongNode.valueOf(1_900_000_000L)));
        assertEquals(Instant.ofEpochMilli(1_900_000_000_123L), AnonymousTokens.instant(LongNode.valueOf(1_900_000_000_123L)));
        assertNull(AnonymousTokens.instant(TextNode.valueOf("next week")));
    }

    @Test
    void commentSpotterSeesCommentLinesOnlyAndPassesBytesThrough() throws Exception {
        AtomicInteger comments = new AtomicInteger();
        String stream = ": hello\n\ndata: {\"a\":\":not a comment\"}\n\n:x\r\n\r\ndata: :\n\n";
        BufferedSource source = Okio.buffer(new CommentSpotter(new Buffer().writeUtf8(stream), comments::incrementAndGet));
        assertEquals(stream, source.readUtf8());
        assertEquals(2, comments.get());
    }

    @Test
    void connectFailuresAreRecognisedThroughCauses() {
        assertTrue(RetryPolicies.isConnectFailure(new ConnectException()));
        assertTrue(RetryPolicies.isConnectFailure(new TransientFailure(0, null, new ConnectException())));
        assertTrue(RetryPolicies.isConnectFailure(new java.util.concurrent.CompletionException(new java.net.UnknownHostException())));
        assertFalse(RetryPolicies.isConnectFailure(new TransientFailure(0, null, new SocketTimeoutException())));
        assertFalse(RetryPolicies.isConnectFailure(new TransientFailure(503, null, null)));
        assertFalse(RetryPolicies.isConnectFailure(new com.reelay.core.nemo.NemoException.UploadSourceFailed(
                "the platform's download could not connect", new ConnectException())), "a final answer is not retried");
    }

    @Test
    void retriesBackOffExponentiallyWithJitterWithinTheAttempts() {
        com.reelay.core.nemo.NemoSettings settings = com.reelay.core.nemo.NemoSettings.defaults("http://127.0.0.1:1");
        RetryPolicies policies = new RetryPolicies(settings);
        for (io.github.resilience4j.retry.Retry retry : List.of(policies.idempotent(), policies.connectOnly())) {
            assertEquals(settings.retryAttempts(), retry.getRetryConfig().getMaxAttempts());
            java.util.function.Function<Integer, Long> interval = retry.getRetryConfig().getIntervalFunction();
            java.util.Set<Long> firsts = new java.util.HashSet<>();
            for (int i = 0; i < 50; i++) {
                long first = interval.apply(1);
                long second = interval.apply(2);
                assertTrue(first >= 250 && first <= 750, "first back-off " + first);
                assertTrue(second >= 500 && second <= 1500, "second back-off " + second);
                firsts.add(first);
            }
            assertTrue(firsts.size() > 1, "jittered");
        }
    }

    @Test
    void renderPollIntervalsGrowByHalfUpToTheCap() {
        assertEquals(Duration.ofSeconds(3), RenderWatch.grow(Duration.ofSeconds(2), Duration.ofSeconds(15)));
        assertEquals(Duration.ofSeconds(15), RenderWatch.grow(Duration.ofSeconds(12), Duration.ofSeconds(15)));
    }
}
