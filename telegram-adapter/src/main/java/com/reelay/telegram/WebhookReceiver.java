package com.reelay.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.reelay.core.chat.support.DaemonThreads;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Receives the updates Telegram posts to the webhook. A request must carry the secret token
 * Telegram was given (header {@code X-Telegram-Bot-Api-Secret-Token}); anything else is refused
 * before its body is read, so nobody who merely knows the URL can speak as Telegram.
 */
final class WebhookReceiver implements AutoCloseable {

    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private static final Logger log = LoggerFactory.getLogger(WebhookReceiver.class);
    /** Updates are small; anything bigger is not from Telegram. */
    private static final int MAX_BODY = 1024 * 1024;

    private final TelegramSettings.Webhook webhook;
    private final ObjectMapper json;
    private final byte[] secret;
    private HttpServer server;
    private ExecutorService workers;

    WebhookReceiver(TelegramSettings.Webhook webhook, ObjectMapper json) {
        this.webhook = webhook;
        this.json = json;
        this.secret = webhook.secretToken().getBytes(StandardCharsets.UTF_8);
    }

    void start(Consumer<Update> handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(webhook.listenPort()), 0);
        workers = Executors.newFixedThreadPool(4, DaemonThreads.named("telegram-webhook"));
        server.setExecutor(workers);
        server.createContext(webhook.path(), exchange -> receive(exchange, handler));
        server.start();
        log.info("telegram webhook listening port={} path={}", port(), webhook.path());
    }

    /** The port actually bound (the configured one, or a free one when configured as 0). */
    int port() {
        return server.getAddress().getPort();
    }

    private void receive(HttpExchange exchange, Consumer<Update> handler) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405);
                return;
            }
            String given = exchange.getRequestHeaders().getFirst(SECRET_HEADER);
            if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
                log.warn("webhook request without the right secret token refused from {}",
                        exchange.getRemoteAddress().getAddress().getHostAddress());
                respond(exchange, 401);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                respond(exchange, 413);
                return;
            }
            Update update;
            try {
                update = json.readValue(body, Update.class);
            } catch (IOException e) {
                respond(exchange, 400);
                return;
            }
            // Answer first: Telegram waits for the 200 before sending the next update.
            respond(exchange, 200);
            handler.accept(update);
        }
    }

    private static void respond(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(1);
        }
        if (workers != null) {
            workers.shutdown();
            try {
                workers.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
