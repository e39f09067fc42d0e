package com.reelay.app.ops;

import com.reelay.core.chat.support.DaemonThreads;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operator's port: {@code /healthz} (the process is alive), {@code /readyz} (the database
 * answers and every enabled platform was heard from; 503 with the failing checks otherwise, see
 * {@link Probes}) and
 * {@code /metrics} (Prometheus text format).
 */
public final class ManagementServer implements AutoCloseable {

    private final HttpServer server;

    /** {@code checks}: name → whether it passes now. */
    public ManagementServer(int port, PrometheusMeterRegistry metrics, Map<String, BooleanSupplier> checks) throws IOException {
        this(port, metrics, checks, () -> "");
    }

    /** {@code role}: lines about this instance's part in a fleet, shown after the checks (may be empty). */
    public ManagementServer(int port, PrometheusMeterRegistry metrics, Map<String, BooleanSupplier> checks,
                            Supplier<String> role) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 16);
        server.createContext("/healthz", exchange -> respond(exchange, 200, "text/plain", "ok\n"));
        server.createContext("/readyz", exchange -> {
            StringBuilder body = new StringBuilder();
            boolean ready = true;
            for (Map.Entry<String, BooleanSupplier> check : checks.entrySet()) {
                boolean ok;
                try {
                    ok = check.getValue().getAsBoolean();
                } catch (RuntimeException e) {
                    ok = false;
                }
                ready &= ok;
                body.append(check.getKey()).append(ok ? " ok\n" : " failing\n");
            }
            try {
                body.append(role.get());
            } catch (RuntimeException e) {
                body.append("role unknown\n");
            }
            respond(exchange, ready ? 200 : 503, "text/plain", body.toString());
        });
        server.createContext("/metrics", exchange ->
                respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
        server.setExecutor(Executors.newFixedThreadPool(2, DaemonThreads.named("reelay-management")));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
