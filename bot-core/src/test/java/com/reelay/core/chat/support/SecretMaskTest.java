package com.reelay.core.chat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Made-up secrets, built from pieces so that no scanner takes them for real ones. */
class SecretMaskTest {

    private static final String TELEGRAM = "7312345678:" + "AA" + "HdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ";
    private static final String DISCORD = "MTA5ODc2NTQzMjEwOTg3NjU0Mw" + ".GcZqWk." + "abcdefghijklmnopqrstuvwxyz0123456789AB";
    private static final String NEMO = "nmv_usr_" + "4f9c2a7e81b34d07a6e5";

    private final SecretMask shapes = new SecretMask();

    @Test
    void everyTelegramTokenShapeTheOldMasksKnewIsMasked() {
        // The adapter's old mask: 3+ digits, 20+ characters; the log layer's: 6-12 digits, 30+ characters.
        String shortId = "123:" + "abcdefghij" + "KLMNOPQRST";
        String nineDigits = "987654321:" + "AA" + "HdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
        for (String token : new String[] {shortId, nineDigits, TELEGRAM}) {
            assertEquals("GET https://api.telegram.org/bot<telegram-token>/getMe",
                    shapes.apply("GET https://api.telegram.org/bot" + token + "/getMe"));
            assertEquals("/file/bot<telegram-token>/photos/1.jpg", shapes.apply("/file/bot" + token + "/photos/1.jpg"));
        }
    }

    @Test
    void discordNemoVideoAndBearerShapesAreMasked() {
        assertEquals("login <discord-token> failed", shapes.apply("login " + DISCORD + " failed"));
        assertEquals("POST /api/v10/interactions/1187/<interaction-token>/callback",
                shapes.apply("POST /api/v10/interactions/1187/" + "aW50ZXJhY3Rpb246MTE4Nz" + "pzZWNyZXQ/callback"));
        assertEquals("PATCH /api/v10/webhooks/99/<interaction-token>/messages/@original",
                shapes.apply("PATCH /api/v10/webhooks/99/" + "aW50ZXJhY3Rpb24" + "/messages/@original"));
        assertEquals("token nmv_*** rejected", shapes.apply("token " + NEMO + " rejected"));
        assertEquals("user anon_*** unknown", shapes.apply("user " + "anon_" + "7731" + " unknown"));
        assertEquals("{\"h\":\"Authorization: Bearer ***\",\"level\":\"INFO\"}",
                shapes.apply("{\"h\":\"Authorization: Bearer " + "abc.DEF-123" + "\",\"level\":\"INFO\"}"),
                "the credential is masked and the JSON line keeps its quotes");
    }

    @Test
    void registeredSecretsAreMaskedWhateverTheirShape() {
        SecretMask mask = SecretMask.of("webhook-secret-Zq81x", "123456:short", null, "abc");
        assertEquals("secret *** and token ***, abc stays",
                mask.apply("secret webhook-secret-Zq81x and token 123456:short, abc stays"));
        mask.register("  plainFixedSecret42  ");
        assertEquals("fixed ***", mask.apply("fixed plainFixedSecret42"));
    }

    @Test
    void aSecretThatContainsAnotherIsMaskedWhole() {
        SecretMask mask = SecretMask.of("secret", "secret-and-more");
        assertEquals("***", mask.apply("secret-and-more"));
    }

    @Test
    void textWithoutSecretsIsUntouchedAndNullIsEmpty() {
        String ordinary = "chat=tg-1001 request=tg-1001-7 at 10:00:05, 3 files, 12.5 MB";
        assertEquals(ordinary, shapes.apply(ordinary));
        assertEquals("", shapes.apply(null));
    }

    @Test
    void describesAnErrorChainInOneMaskedLineWithoutTheFuturesWrappers() {
        SecretMask mask = SecretMask.of("123456:short");
        Throwable error = new CompletionException(new IOException("failed POST /bot123456:short/sendMessage",
                new IllegalStateException("also " + NEMO)));
        String line = mask.describe(error);
        assertFalse(line.contains("short") || line.contains(NEMO), line);
        assertEquals("IOException: failed POST /bot***/sendMessage <- IllegalStateException: also nmv_***", line);
    }

    @Test
    void aLongCauseChainIsCutAfterFourErrors() {
        Throwable error = new IOException("1", new IOException("2", new IOException("3",
                new IOException("4", new IOException("5")))));
        String line = shapes.describe(error);
        assertTrue(line.endsWith("IOException: 4"), line);
    }
}
