package com.reelay.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Telegram's webhook delivery as a fleet behind a load balancer sees it, on 127.0.0.1: each
 * update is POSTed (with the secret-token header) to the next backend, round-robin; a refused
 * connection, a timeout or any answer but 2xx is tried again on the next backend after
 * {@code pause}, until one answers 2xx, as Telegram redelivers and the balancer picks again.
 *
 * <p>Like Telegram, at most {@code connections} deliveries are in flight at once (its
 * {@code max_connections}, 40 by default), and a chat's updates go one at a time, in order: the
 * next waits until the one before it was answered 2xx.
 */
final class WebhookBalancer implements AutoCloseable {

    /** Telegram's default max_connections. */
    static final int TELEGRAM_CONNECTIONS = 40;

    /** One POST to one backend: its HTTP status, or 0 when the connection failed ({@code error} says how). */
    record Attempt(long updateId, long chatId, URI backend, int status, String error, long atNanos) {
        boolean delivered() {
            return status / 100 == 2;
        }
    }

    private record Update(long id, long chatId, String body) {
    }

    private final List<URI> backends;
    private final String secret;
    private final Duration pause;
    private final Duration timeout;
    private final Consumer<String> deliveryFailed;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final LinkedList<Update> pending = new LinkedList<>();
    private final Set<Long> chatsInFlight = new HashSet<>();
    private final List<Attempt> attempts = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private long nextBackend;
    private boolean closed;

    /**
     * @param backends       the instances' webhook URLs (http://127.0.0.1:port/path)
     * @param deliveryFailed told each failure as Telegram words it in getWebhookInfo
     */
    WebhookBalancer(List<URI> backends, String secret, int connections, Duration pause, Duration timeout,
                    Consumer<String> deliveryFailed) {
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("no backend to balance across");
        }
        this.backends = List.copyOf(backends);
        this.secret = secret;
        this.pause = pause;
        this.timeout = timeout;
        this.deliveryFailed = deliveryFailed;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        for (int i = 0; i < connections; i++) {
            Thread worker = new Thread(this::deliverUntilClosed, "webhook-balancer-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /** Queues an update (the JSON Telegram posts) for delivery. */
    void deliver(String update) {
        JsonNode node;
        try {
            node = json.readTree(update);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an update: " + update, e);
        }
        JsonNode message = node.has("callback_query") ? node.path("callback_query").path("message") : node.path("message");
        synchronized (this) {
            pending.add(new Update(node.path("update_id").asLong(), message.path("chat").path("id").asLong(), update));
            notifyAll();
        }
    }

    /** Updates not yet answered 2xx by any backend. */
    synchronized int undelivered() {
        return pending.size() + chatsInFlight.size();
    }

    synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    private void deliverUntilClosed() {
        Update update;
        while ((update = next()) != null) {
            int backend = firstBackend();
            while (!post(update, backends.get(backend))) {
                if (!pause()) {
                    return;
                }
                backend = (backend + 1) % backends.size();
            }
            synchronized (this) {
                chatsInFlight.remove(update.chatId());
                notifyAll();
            }
        }
    }

    /** The oldest update whose chat has none in flight; null once closed. */
    private synchronized Update next() {
        while (!closed) {
            for (Iterator<Update> it = pending.iterator(); it.hasNext(); ) {
                Update u = it.next();
                if (!chatsInFlight.contains(u.chatId())) {
                    it.remove();
                    chatsInFlight.add(u.chatId());
                    return u;
                }
            }
            try {
                wait();
            } catch (InterruptedException e) {
                return null;
            }
        }
        return null;
    }

    private synchronized int firstBackend() {
        return (int) (nextBackend++ % backends.size());
    }

    private boolean post(Update update, URI backend) {
        HttpRequest request = HttpRequest.newBuilder(backend).timeout(timeout)
                .header("Content-Type", "application/json")
                .header(WebhookReceiver.SECRET_HEADER, secret)
                .POST(HttpRequest.BodyPublishers.ofString(update.body())).build();
        int status = 0;
        String error = "";
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        Attempt attempt = new Attempt(update.id(), update.chatId(), backend, status, error, System.nanoTime());
        synchronized (this) {
            attempts.add(attempt);
        }
        if (!attempt.delivered()) {
            deliveryFailed.accept(status == 0 ? "Connection refused" : "Wrong response from the webhook: " + status);
        }
        return attempt.delivered();
    }

    /** Waits out the pause before the next try; false once closed. */
    private synchronized boolean pause() {
        long deadline = System.nanoTime() + pause.toNanos();
        while (!closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                wait(Math.max(1, Duration.ofNanos(left).toMillis()));
            } catch (InterruptedException e) {
                return false;
            }
        }
        return false;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        for (Thread worker : workers) {
            worker.interrupt();
        }
    }
}
