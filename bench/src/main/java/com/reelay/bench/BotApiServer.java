package com.reelay.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reelay.core.chat.support.DaemonThreads;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP side of the bench's fake Telegrams, on 127.0.0.1: {@code /bot<token>/<method>} with a
 * JSON body goes to {@link Methods} (method in lower case; a multipart form's fields are not
 * read), whose answer is sent as the Bot API does: HTTP 200 when {@code ok}, else its
 * {@code error_code}.
 */
public final class BotApiServer implements AutoCloseable {

    /** Answers one Bot API call. */
    @FunctionalInterface
    public interface Methods {
        ObjectNode call(String method, JsonNode params);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long BOT_ID = 777000111L;

    private final HttpServer server;
    private final ExecutorService threads;
    private final String token;
    private final Methods methods;

    public BotApiServer(String token, int threads, Methods methods) throws IOException {
        this.token = token;
        this.methods = methods;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1024);
        this.threads = Executors.newFixedThreadPool(threads, DaemonThreads.named("fake-bot-api"));
        server.setExecutor(this.threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A Bot API error answer. */
    public static ObjectNode error(int code, String description) {
        return JSON.createObjectNode().put("ok", false).put("error_code", code).put("description", description);
    }

    /** A Bot API success answer. */
    public static ObjectNode ok(JsonNode result) {
        ObjectNode ok = JSON.createObjectNode().put("ok", true);
        ok.set("result", result);
        return ok;
    }

    /** Flood control's answer to a message that may arrive only {@code waitNanos} later: 429, retry_after in whole seconds. */
    public static ObjectNode tooManyRequests(long waitNanos) {
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        ObjectNode e = error(429, "Too Many Requests: retry after " + seconds);
        e.putObject("parameters").put("retry_after", seconds);
        return e;
    }

    /** getMe's answer: the bench's bot. */
    public static ObjectNode me() {
        return ok(JSON.createObjectNode().put("id", BOT_ID).put("is_bot", true).put("first_name", "Reelay")
                .put("username", "reelay_bench_bot"));
    }

    /** The answer to a sendMessage or editMessageText the fake accepted: the message as it now stands. */
    public static ObjectNode sent(long chatId, int messageId, String text) {
        ObjectNode message = JSON.createObjectNode().put("message_id", messageId).put("date", System.currentTimeMillis() / 1000)
                .put("text", text);
        message.putObject("chat").put("id", chatId).put("type", chatId < 0 ? "supergroup" : "private");
        message.putObject("from").put("id", BOT_ID).put("is_bot", true).put("first_name", "Reelay");
        return ok(message);
    }

    /** The update Telegram delivers when person {@code chatId} writes {@code text} to the bot in their private chat. */
    public static ObjectNode privateMessage(long updateId, long chatId, int messageId, String text) {
        ObjectNode update = JSON.createObjectNode().put("update_id", updateId);
        ObjectNode message = update.putObject("message").put("message_id", messageId)
                .put("date", System.currentTimeMillis() / 1000).put("text", text);
        message.putObject("chat").put("id", chatId).put("type", "private").put("first_name", "P" + chatId);
        message.putObject("from").put("id", chatId).put("is_bot", false).put("first_name", "P" + chatId)
                .put("language_code", "en");
        return update;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String prefix = "/bot" + token + "/";
            ObjectNode answer;
            if (!path.startsWith(prefix)) {
                answer = error(404, "Not Found");
            } else {
                byte[] body = exchange.getRequestBody().readAllBytes();
                // Methods that may carry a file (setWebhook's certificate) come as multipart forms: their fields are not read.
                String type = exchange.getRequestHeaders().getFirst("Content-Type");
                JsonNode params = body.length == 0 || type == null || !type.startsWith("application/json")
                        ? JSON.createObjectNode() : JSON.readTree(body);
                answer = methods.call(path.substring(prefix.length()).toLowerCase(Locale.ROOT), params);
            }
            byte[] bytes = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.path("ok").asBoolean() ? 200 : answer.path("error_code").asInt(400), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
