package com.reelay.core.nemo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AnonymousTokensTest {

    @Test
    void expiryInstantsInSeveralForms() {
        assertEquals(Instant.parse("2030-01-08T00:00:00Z"), AnonymousTokens.instant(TextNode.valueOf("2030-01-08T00:00:00Z")));
        assertEquals(Instant.parse("2030-01-08T00:00:00Z"), AnonymousTokens.instant(TextNode.valueOf("2030-01-08T08:00:00+08:00")));
        assertEquals(Instant.ofEpochSecond(1_900_000_000L), AnonymousTokens.instant(LongNode.valueOf(1_900_000_000L)));
        assertEquals(Instant.ofEpochMilli(1_900_000_000_123L), AnonymousTokens.instant(LongNode.valueOf(1_900_000_000_123L)));
        assertNull(AnonymousTokens.instant(TextNode.valueOf("next week")));
    }
}
