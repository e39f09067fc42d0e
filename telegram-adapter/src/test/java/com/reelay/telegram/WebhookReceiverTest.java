package com.reelay.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.reelay.telegram.TelegramSettings.Webhook;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/** The webhook's own server under abuse: slow senders, floods, too much at once, and when it says 200. */
class WebhookReceiverTest {

    private static final String SECRET = "hook-Secret_42";
    private static final String UPDATE = "{\"update_id\":7,\"message\":{\"message_id\":1,\"date\":1,"
            + "\"chat\":{\"id\":42,\"type\":\"private\"},\"from\":{\"id\":42,\"is_bot\":false,\"first_name\":\"Ann\"},"
            + "\"text\":\"hi\"}}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private WebhookReceiver receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private void start(Duration headerTimeout, Duration idleTimeout, int maxInFlight, Consumer<Update> handler)
            throws Exception {
        receiver = new WebhookReceiver(new Webhook("https://bot.example.test/telegram/hook", 0, SECRET, headerTimeout,
                idleTimeout, maxInFlight), new ObjectMapper());
        receiver.start(handler);
    }

    private HttpRequest post(String secret) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/telegram/hook"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header(WebhookReceiver.SECRET_HEADER, secret)
                .POST(HttpRequest.BodyPublishers.ofString(UPDATE)).build();
    }

    /** Telegram forgets an update it got 200 for: one the bot could not take must be answered otherwise. */
    @Test
    void answers200OnlyOnceTheUpdateIsHandedOver() throws Exception {
        start(Duration.ofSeconds(5), Duration.ofSeconds(5), 4, update -> {
            throw new IllegalStateException("the engine is closing");
        });

        assertEquals(500, http.send(post(SECRET), HttpResponse.BodyHandlers.discarding()).statusCode(),
                "Telegram will send it again");
    }

    @Test
    void moreRequestsThanAllowedAtOnceAreTurnedAway() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(Duration.ofSeconds(5), Duration.ofSeconds(5), 1, update -> {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<HttpResponse<Void>> first = http.sendAsync(post(SECRET), HttpResponse.BodyHandlers.discarding());
        assertTrue(entered.await(10, TimeUnit.SECONDS), "the first request is being handled");

        assertEquals(503, http.send(post(SECRET), HttpResponse.BodyHandlers.discarding()).statusCode());

        release.countDown();
        assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void aFloodOfWrongSecretsLogsOneWarning() throws Exception {
        start(Duration.ofSeconds(5), Duration.ofSeconds(5), 4, update -> { });
        Logger logger = (Logger) LoggerFactory.getLogger(WebhookReceiver.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            for (int i = 0; i < 30; i++) {
                assertEquals(401, http.send(post("guess-" + i), HttpResponse.BodyHandlers.discarding()).statusCode());
            }
        } finally {
            logger.detachAppender(logs);
        }
        assertEquals(1, logs.list.stream().filter(e -> e.getLevel() == Level.WARN).count(), logs.list.toString());
    }

    /** Slowloris: a byte of header now and then keeps a connection open forever unless headers have a deadline. */
    @Test
    void aConnectionThatSendsItsHeadersTooSlowlyIsCutOff() throws Exception {
        start(Duration.ofMillis(300), Duration.ofSeconds(30), 4, update -> { });
        try (Socket socket = new Socket("127.0.0.1", receiver.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            Thread dribbler = new Thread(() -> {
                byte[] headers = ("POST /telegram/hook HTTP/1.1\r\nHost: bot\r\nX-Padding: " + "a".repeat(200))
                        .getBytes(StandardCharsets.US_ASCII);
                try {
                    for (byte b : headers) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(50); // the attacker's pace, not a wait in the test
                    }
                } catch (Exception closed) {
                    // cut off: what the test expects
                }
            });
            dribbler.setDaemon(true);
            dribbler.start();
            assertClosedOrAnswered(socket.getInputStream());
        }
    }

    @Test
    void aConnectionThatSaysNothingIsClosedAfterTheIdleTimeout() throws Exception {
        start(Duration.ofSeconds(30), Duration.ofMillis(300), 4, update -> { });
        try (Socket socket = new Socket("127.0.0.1", receiver.port())) {
            socket.setSoTimeout(5_000);
            assertClosedOrAnswered(socket.getInputStream());
        }
    }

    /** The server closes the connection (perhaps after a 408) well before the 5 s read timeout. */
    private static void assertClosedOrAnswered(InputStream in) throws Exception {
        try {
            byte[] answer = in.readAllBytes();
            String text = new String(answer, StandardCharsets.US_ASCII);
            assertTrue(answer.length == 0 || text.startsWith("HTTP/1.1 4") || text.startsWith("HTTP/1.1 5"), text);
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("the connection was still open after 5 s");
        } catch (java.net.SocketException reset) {
            // closed by the server: fine
        }
    }
}
