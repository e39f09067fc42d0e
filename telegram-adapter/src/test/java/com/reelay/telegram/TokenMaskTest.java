package com.reelay.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class TokenMaskTest {

    private final TokenMask mask = new TokenMask("123456:short");

    @Test
    void masksTheTokenAndAnythingShapedLikeOne() {
        assertEquals("GET https://api.telegram.org/bot<token>/getMe",
                mask.apply("GET https://api.telegram.org/bot123456:short/getMe"));
        assertEquals("/file/bot<token>/photos/1.jpg",
                mask.apply("/file/bot987654321:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/photos/1.jpg"));
    }

    @Test
    void describesAnErrorChainInOneMaskedLine() {
        Throwable error = new CompletionException(new IOException("failed POST /bot123456:short/sendMessage",
                new IllegalStateException("also 123456:short")));
        String line = mask.describe(ApiFailure.unwrap(error));
        assertFalse(line.contains("short"), line);
        assertTrue(line.startsWith("IOException: failed POST /bot<token>/sendMessage <- IllegalStateException"), line);
    }
}
