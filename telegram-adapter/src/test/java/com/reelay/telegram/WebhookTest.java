package com.reelay.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.telegram.FakeTelegram.ChatMessage;
import com.reelay.telegram.FakeTelegram.Person;
import com.reelay.telegram.TelegramSettings.Webhook;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import com.reelay.core.chat.Intake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhook mode: Telegram posts updates; only posts with the secret token count. */
class WebhookTest {

    private static final String SECRET = "hook-Secret_42";
    private static final Person ANN = new Person(42, "Ann", "en");

    @TempDir
    Path dir;

    private RunningBot bot;
    private FakeTelegram telegram;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        bot = RunningBot.start(dir, Map.of("TELEGRAM_UPDATE_MODE", "webhook",
                "TELEGRAM_WEBHOOK_URL", "https://bot.example.test/telegram/hook", "TELEGRAM_WEBHOOK_LISTEN_PORT", "0",
                "TELEGRAM_WEBHOOK_SECRET_TOKEN", SECRET), c -> c);
        assertEquals(new Webhook("https://bot.example.test/telegram/hook", 0, SECRET), bot.settings.webhook());
        telegram = bot.telegram;
    }

    @AfterEach
    void stop() {
        try {
            assertEquals(List.of(), bot.logLinesContaining(FakeTelegram.TOKEN));
            assertEquals(List.of(), bot.logLinesContaining(SECRET));
        } finally {
            bot.close();
        }
    }

    private int post(String body, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + bot.frontEnd.webhookPort() + "/telegram/hook"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header(WebhookReceiver.SECRET_HEADER, secret);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The first look at the webhook's status runs on the front end's own thread: nothing to latch on. */
    private java.time.Instant awaitFirstContact() throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (bot.frontEnd.lastContact().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "getWebhookInfo never counted as contact");
            Thread.sleep(10);
        }
        return bot.frontEnd.lastContact().orElseThrow();
    }

    @Test
    void aQuietWebhookBotIsHeardFromThroughTelegramsViewOfTheWebhook() throws Exception {
        awaitFirstContact();
        assertEquals(1, telegram.calls("getWebhookInfo").size());
    }

    @Test
    void registersTheWebhookWithItsSecretAndDoesNotPoll() {
        FakeTelegram.ApiCall set = telegram.calls("setWebhook").get(0);
        assertEquals("https://bot.example.test/telegram/hook", set.params().path("url").asText());
        assertEquals(SECRET, set.params().path("secret_token").asText());
        assertTrue(telegram.calls("getUpdates").isEmpty());
    }

    @Test
    void onlyUpdatesCarryingTheSecretAreHandled() throws Exception {
        telegram.sendText(42, ANN, "/credits");
        String update = telegram.takeUpdates().get(0);

        java.time.Instant statusLook = awaitFirstContact(); // the next look is 30 s away
        assertEquals(401, post(update, null));
        assertEquals(401, post(update, "guess"));
        assertEquals(statusLook, bot.frontEnd.lastContact().orElseThrow(), "a stranger's call is not Telegram");
        assertEquals(200, post(update, SECRET));
        assertTrue(bot.frontEnd.lastContact().orElseThrow().isAfter(statusLook), "Telegram's call counts for readiness");
        assertEquals(200, post(update, SECRET), "Telegram may deliver an update twice");

        ChatMessage credits = telegram.awaitBotMessage(42, m -> m.text().startsWith("💳"));
        assertEquals(1, telegram.botMessages(42).size(), "answered once: " + credits.text());
    }

    /** A fleet's inbox as the front end sees it: offers kept in order, once per update id. */
    private static final class RecordingIntake implements Intake {
        final Map<String, String> kept = new java.util.LinkedHashMap<>();
        final java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();

        @Override
        public synchronized boolean offer(String source, String sourceId, String chatKey, String payload) {
            if (down.get()) {
                throw new IllegalStateException("the database is away");
            }
            return kept.putIfAbsent(source + "/" + sourceId + "/" + chatKey, payload) == null;
        }

        @Override
        public boolean leads(String feed) {
            return false;
        }

        @Override
        public java.util.OptionalLong position(String feed) {
            return java.util.OptionalLong.empty();
        }

        @Override
        public void savePosition(String feed, long position) {
        }

        @Override
        public boolean stepDown(String feed) {
            return false;
        }
    }

    @Test
    void inAFleetAnUpdateIsInTheInboxBeforeThe200AndRunsWhenItsOwnerReadsIt() throws Exception {
        bot.close();
        RecordingIntake inbox = new RecordingIntake();
        bot = RunningBot.start(dir.resolve("fleet"), Map.of("TELEGRAM_UPDATE_MODE", "webhook",
                "TELEGRAM_WEBHOOK_URL", "https://bot.example.test/telegram/hook", "TELEGRAM_WEBHOOK_LISTEN_PORT", "0",
                "TELEGRAM_WEBHOOK_SECRET_TOKEN", SECRET), c -> c, b -> b, e -> e, inbox);
        telegram = bot.telegram;
        telegram.sendText(42, ANN, "/credits");
        String update = telegram.takeUpdates().get(0);

        inbox.down.set(true);
        assertEquals(500, post(update, SECRET), "not kept: Telegram must deliver it again");
        inbox.down.set(false);
        assertEquals(200, post(update, SECRET));
        assertEquals(200, post(update, SECRET), "a redelivery is kept once");
        String key = inbox.kept.keySet().iterator().next();
        assertTrue(key.endsWith("/telegram:42"), key);
        assertEquals(1, inbox.kept.size());
        assertEquals(List.of(), telegram.botMessages(42), "nothing runs until the chat's owner reads the inbox");

        assertTrue(bot.frontEnd.requestIdOf(inbox.kept.get(key)).orElseThrow().matches("tg-42-\\d+"),
                "the id the engine will know the request by, should a new owner find it taken");
        bot.frontEnd.deliver(inbox.kept.get(key)); // this instance owns the chat
        telegram.awaitBotMessage(42, m -> m.text().startsWith("💳"));
    }

    @Test
    void whatIsNotAnUpdateIsRefused() throws Exception {
        assertEquals(400, post("{not json", SECRET));
    }
}
