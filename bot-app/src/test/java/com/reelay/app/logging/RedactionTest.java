package com.reelay.app.logging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tokens never reach a log line: not in messages, not in an HTTP client's exception quoting a URL. */
class RedactionTest {

    private static final String TELEGRAM = "7312345678:" + "AA" + "HdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ" ; // made up, token-shaped
    private static final String DISCORD = "MTA5ODc2NTQzMjEwOTg3NjU0Mw.GcZqWk.abcdefghijklmnopqrstuvwxyz0123456789AB";
    private static final String NEMO = "nmv_usr_" + "4f9c2a7e81b34d07a6e5";
    private static final String CONFIGURED = "webhook-secret-Zq81x";

    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        LogSetup.configure("text", "WARN", null);
    }

    @Test
    void plainAndJsonLogsMaskEveryToken() throws Exception {
        for (String format : new String[] {"text", "json"}) {
            Path file = dir.resolve("reelay-" + format + ".log");
            LogSetup.configure(format, "INFO", file);
            LogSetup.mask().register(CONFIGURED);
            Logger log = LoggerFactory.getLogger("test");
            log.info("calling https://api.telegram.org/bot{}/getMe with Authorization: Bearer {}", TELEGRAM, NEMO);
            log.warn("discord login failed for {} and secret {}", DISCORD, CONFIGURED);
            log.error("request failed", new IllegalStateException("token " + NEMO + " rejected",
                    new IOException("for URL: https://api.telegram.org/bot" + TELEGRAM + "/sendMessage")));
            String written = Files.readString(file);
            assertNoSecrets(written);
            assertTrue(written.contains("bot<telegram-token>"), written);
            assertTrue(written.contains("<discord-token>"), written);
            assertTrue(written.contains("Bearer ***"), written);
        }
    }

    @Test
    void anHttpClientsExceptionWithTheTokenInItsUrlIsMasked() throws Exception {
        Path file = dir.resolve("client.log");
        LogSetup.configure("text", "INFO", file);
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(404).body("{\"ok\":false}").build());
            server.start();
            URL url = new URL(server.url("/bot" + TELEGRAM + "/getMe").toString());
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            // The JDK's HTTP client puts the whole URL, token and all, in its exception message.
            IOException thrown = assertThrows(IOException.class, () -> {
                try (InputStream body = connection.getInputStream()) {
                    body.readAllBytes();
                }
            });
            assertTrue(thrown.getMessage().contains(TELEGRAM), "the premise: the client's message holds the token");
            LoggerFactory.getLogger("test").error("Telegram call failed: {}", thrown.getMessage(), thrown);
        }
        String written = Files.readString(file);
        assertNoSecrets(written);
        assertTrue(written.contains("bot<telegram-token>/getMe"), written);
    }

    private static void assertNoSecrets(String written) {
        assertFalse(written.contains(TELEGRAM), written);
        assertFalse(written.contains("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ"), written);
        assertFalse(written.contains(DISCORD), written);
        assertFalse(written.contains(NEMO), written);
        assertFalse(written.contains(CONFIGURED), written);
    }
}
