package com.reelay.core.nemo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void retryAfterSecondsOrHttpDate() {
        assertEquals(Duration.ofSeconds(30), RetryAfter.parse("30", CLOCK));
        assertEquals(Duration.ofSeconds(90), RetryAfter.parse("Tue, 01 Jan 2030 00:01:30 GMT", CLOCK));
        assertEquals(Duration.ZERO, RetryAfter.parse("Mon, 31 Dec 2029 23:00:00 GMT", CLOCK));
        assertNull(RetryAfter.parse("soon", CLOCK));
        assertNull(RetryAfter.parse(null, CLOCK));
    }
}
