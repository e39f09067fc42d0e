package com.reelay.bench;

import com.reelay.core.chat.support.DaemonThreads;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Telegram delivering updates to a fleet's webhooks through a round-robin load balancer, on
 * 127.0.0.1: each update goes to the next instance's webhook port in turn, with the secret token
 * header, over at most {@link #CONNECTIONS} connections at once (Telegram's default
 * {@code max_connections}). An answer other than 200, or none, is delivered again a second later,
 * as Telegram does.
 */
final class WebhookBalancer implements AutoCloseable {

    static final int CONNECTIONS = 40;
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private final FleetTelegram telegram;
    private final List<String> webhooks;
    private final String secret;
    private final OkHttpClient http = new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(CONNECTIONS, 5, TimeUnit.MINUTES))
            .readTimeout(30, TimeUnit.SECONDS).build();
    private final BlockingQueue<FleetTelegram.Update> waiting = new LinkedBlockingQueue<>();
    private final ExecutorService connections = Executors.newFixedThreadPool(CONNECTIONS, DaemonThreads.named("webhook-lb"));
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger notOk = new AtomicInteger();
    private volatile boolean closed;

    /** {@code webhooks}: each instance's {@code http://127.0.0.1:<port><path>}. */
    WebhookBalancer(FleetTelegram telegram, List<String> webhooks, String secret) {
        this.telegram = telegram;
        this.webhooks = List.copyOf(webhooks);
        this.secret = secret;
        for (int i = 0; i < CONNECTIONS; i++) {
            connections.execute(this::deliverLoop);
        }
    }

    /** Person {@code chat} writes: Telegram delivers the update as soon as a connection is free. */
    void write(int chat) {
        waiting.add(telegram.write(chat));
    }

    /** Webhook calls answered otherwise than 200 (each delivered again), or not answered. */
    int notOk() {
        return notOk.get();
    }

    private void deliverLoop() {
        while (!closed) {
            FleetTelegram.Update update;
            try {
                update = waiting.take();
            } catch (InterruptedException e) {
                return;
            }
            while (!closed && !deliver(update)) {
                notOk.incrementAndGet();
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private boolean deliver(FleetTelegram.Update update) {
        String url = webhooks.get(Math.floorMod(next.getAndIncrement(), webhooks.size()));
        Request post = new Request.Builder().url(url).header(SECRET_HEADER, secret)
                .post(RequestBody.create(update.body(), JSON)).build();
        telegram.posted(update.id(), System.nanoTime());
        try (Response response = http.newCall(post).execute()) {
            if (response.code() != 200) {
                return false;
            }
            telegram.answered(update.id(), System.nanoTime());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        connections.shutdownNow();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
