package com.reelay.bench;

import com.reelay.core.chat.support.DaemonThreads;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The fake platform's file server: {@code GET /files/<bytes>/<name>} answers exactly that many
 * bytes, generated on the fly from one 64 KiB pattern (nothing is kept), with a Content-Length.
 */
final class FileServer implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;
    private static final byte[] PATTERN = new byte[CHUNK];

    static {
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < CHUNK; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            PATTERN[i] = (byte) x;
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;

    private FileServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    static FileServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
        ExecutorService threads = Executors.newFixedThreadPool(4, DaemonThreads.named("file-server"));
        server.setExecutor(threads);
        server.createContext("/files/", FileServer::serve);
        server.start();
        return new FileServer(server, threads);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            long size;
            try {
                size = Long.parseLong(parts[2]);
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, size);
            OutputStream out = exchange.getResponseBody();
            long left = size;
            while (left > 0) {
                int n = (int) Math.min(CHUNK, left);
                out.write(PATTERN, 0, n);
                left -= n;
            }
            out.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
