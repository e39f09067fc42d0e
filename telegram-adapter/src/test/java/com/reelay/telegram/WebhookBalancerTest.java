package com.reelay.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake Telegram's load-balancer mode: round-robin webhook delivery, redelivery on the next instance, limits kept. */
class WebhookBalancerTest {

    private static final String SECRET = "fleet-Secret_7";
    private static final Duration PAUSE = Duration.ofMillis(100);

    /** A webhook endpoint that records what it was posted and answers what {@code status} says. */
    private static final class Backend implements AutoCloseable {
        record Received(String path, String secret, String body) {
        }

        final HttpServer server;
        final List<Received> received = new CopyOnWriteArrayList<>();
        volatile IntSupplier status = () -> 200;
        volatile CountDownLatch hold = new CountDownLatch(0);

        Backend() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", this::handle);
            server.start();
        }

        private void handle(HttpExchange exchange) throws IOException {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst(WebhookReceiver.SECRET_HEADER), body));
            try {
                hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(status.getAsInt(), -1);
            exchange.close();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + LoadBalancedTelegram.WEBHOOK_PATH);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<String> reportedErrors = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private Backend backend() throws IOException {
        Backend b = new Backend();
        open.add(b);
        return b;
    }

    private WebhookBalancer balancer(URI... backends) {
        WebhookBalancer b = new WebhookBalancer(List.of(backends), SECRET, 4, PAUSE, Duration.ofSeconds(5),
                reportedErrors::add);
        open.add(b);
        return b;
    }

    private static String update(long id, long chatId) {
        return "{\"update_id\":" + id + ",\"message\":{\"message_id\":1,\"date\":0,\"chat\":{\"id\":" + chatId
                + ",\"type\":\"private\"},\"text\":\"hi\"}}";
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(5);
        }
    }

    private static URI refusing() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + free.getLocalPort() + LoadBalancedTelegram.WEBHOOK_PATH);
        }
    }

    @Test
    void updatesGoRoundRobinToTheWebhookPathWithTheSecret() throws Exception {
        Backend a = backend();
        Backend b = backend();
        Backend c = backend();
        WebhookBalancer balancer = balancer(a.uri(), b.uri(), c.uri());
        for (int i = 1; i <= 6; i++) {
            balancer.deliver(update(i, 100 + i));
        }
        await(() -> balancer.undelivered() == 0, "all are delivered");

        for (Backend each : List.of(a, b, c)) {
            assertEquals(2, each.received.size(), "round-robin: " + each.received);
            for (Backend.Received r : each.received) {
                assertEquals(LoadBalancedTelegram.WEBHOOK_PATH, r.path());
                assertEquals(SECRET, r.secret());
            }
        }
        assertEquals(6, balancer.attempts().size());
        assertEquals(List.of(), reportedErrors);
    }

    @Test
    void aRefusedConnectionIsTriedAgainOnTheNextInstanceAfterThePause() throws Exception {
        Backend alive = backend();
        URI dead = refusing();
        WebhookBalancer balancer = balancer(dead, alive.uri());
        balancer.deliver(update(1, 42));
        await(() -> balancer.undelivered() == 0, "it is delivered");

        List<WebhookBalancer.Attempt> attempts = balancer.attempts();
        assertEquals(2, attempts.size(), attempts.toString());
        assertEquals(dead, attempts.get(0).backend());
        assertEquals(0, attempts.get(0).status());
        assertTrue(attempts.get(0).error().contains("ConnectException"), attempts.get(0).error());
        assertEquals(alive.uri(), attempts.get(1).backend());
        assertTrue(attempts.get(1).atNanos() - attempts.get(0).atNanos() >= PAUSE.toNanos(), "after the pause");
        assertEquals(List.of("Connection refused"), reportedErrors, "Telegram's getWebhookInfo would show it");
    }

    @Test
    void anAnswerOtherThan2xxIsTriedAgainOnTheNextInstance() throws Exception {
        Backend failing = backend();
        failing.status = () -> 500;
        Backend alive = backend();
        WebhookBalancer balancer = balancer(failing.uri(), alive.uri());
        balancer.deliver(update(1, 42));
        await(() -> balancer.undelivered() == 0, "it is delivered");

        assertEquals(1, failing.received.size());
        assertEquals(1, alive.received.size());
        assertEquals(failing.received.get(0).body(), alive.received.get(0).body(), "the same update again");
        assertEquals(List.of("Wrong response from the webhook: 500"), reportedErrors);
    }

    @Test
    void aChatsNextUpdateWaitsUntilItsPreviousOneIsAnsweredOthersDoNot() throws Exception {
        Backend slow = backend();
        slow.hold = new CountDownLatch(1);
        WebhookBalancer balancer = balancer(slow.uri());
        balancer.deliver(update(1, 42));
        balancer.deliver(update(2, 42));
        balancer.deliver(update(3, 43));
        await(() -> slow.received.size() == 2, "the first update of each chat is posted");
        assertTrue(slow.received.stream().noneMatch(r -> r.body().contains("\"update_id\":2")), "42's second waits");

        slow.hold.countDown();
        await(() -> balancer.undelivered() == 0, "all are delivered");
        assertEquals(3, slow.received.size());
        assertTrue(slow.received.get(2).body().contains("\"update_id\":2"));
    }

    @Test
    void theFakeBehindTheBalancerKeepsTelegramsLimitsAndEachChatsTranscript() throws Exception {
        Backend instance = backend();
        try (LoadBalancedTelegram telegram = new LoadBalancedTelegram(SECRET)) {
            telegram.balanceAcross(List.of(instance.server.getAddress().getPort()));
            telegram.send(42, "make a video of the sea");
            await(() -> telegram.undelivered() == 0, "the update is delivered");
            assertTrue(instance.received.get(0).body().contains("make a video of the sea"));

            assertEquals(200, botApi(telegram, "sendMessage", "{\"chat_id\":42,\"text\":\"⏳ Connecting…\"}"));
            assertEquals(429, botApi(telegram, "editMessageText", "{\"chat_id\":42,\"message_id\":2,\"text\":\"Done\"}"),
                    "a second message in the chat within a second");
            assertEquals(List.of("send 2: ⏳ Connecting…"), telegram.conversation(42).stream()
                    .map(said -> (said.edit() ? "edit " : "send ") + said.messageId() + ": " + said.text()).toList(),
                    "the edit 1 ms after the send was refused, not recorded");
            assertEquals(1, telegram.tooManyRequestsServed());
            assertEquals(1, telegram.violations().size(), telegram.violations().toString());
        }
    }

    private static int botApi(LoadBalancedTelegram telegram, String method, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(telegram.apiBase() + "/bot" + telegram.token() + "/" + method))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
