package com.reelay.core.nemo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.nemo.NemoSettings;
import io.github.resilience4j.retry.Retry;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RetryPoliciesTest {

    @Test
    void connectFailuresAreRecognisedThroughCauses() {
        assertTrue(RetryPolicies.isConnectFailure(new ConnectException()));
        assertTrue(RetryPolicies.isConnectFailure(new TransientFailure(0, null, new ConnectException())));
        assertTrue(RetryPolicies.isConnectFailure(new CompletionException(new UnknownHostException())));
        assertFalse(RetryPolicies.isConnectFailure(new TransientFailure(0, null, new SocketTimeoutException())));
        assertFalse(RetryPolicies.isConnectFailure(new TransientFailure(503, null, null)));
        assertFalse(RetryPolicies.isConnectFailure(new com.reelay.core.nemo.NemoException.UploadSourceFailed(
                "the platform's download could not connect", new java.net.ConnectException())), "a final answer is not retried");
    }

    @Test
    void retriesBackOffExponentiallyWithJitterWithinTheAttempts() {
        NemoSettings settings = NemoSettings.defaults("http://127.0.0.1:1");
        RetryPolicies policies = new RetryPolicies(settings);
        for (Retry retry : List.of(policies.idempotent(), policies.connectOnly())) {
            assertEquals(settings.retryAttempts(), retry.getRetryConfig().getMaxAttempts());
            Function<Integer, Long> interval = retry.getRetryConfig().getIntervalFunction();
            Set<Long> firsts = new HashSet<>();
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
}
