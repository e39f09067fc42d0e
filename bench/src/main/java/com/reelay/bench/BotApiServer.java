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
 * JSON body goes to {@link Methods} (method in lower case), whose answer is sent as the Bot API
 * does: HTTP 200 when {@code ok}, else its {@code error_code}.
 */
public final class BotApiServer implements AutoCloseable {

    /** Answers one Bot API call. */
    @FunctionalInterface
    public interface Methods {
        ObjectNode call(String method, JsonNode params);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

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

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String prefix = "/bot" + token + "/";
            ObjectNode answer;
            if (!path.startsWith(prefix)) {
                answer = error(404, "Not Found");
            } else {
                byte[] body = exchange.getRequestBody().readAllBytes();
                JsonNode params = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
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
