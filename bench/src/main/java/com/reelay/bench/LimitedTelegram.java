package com.reelay.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Telegram as a new user's bot meets it, on 127.0.0.1: long polling (getUpdates holds the request
 * until people write), and flood control as strict trailing windows over arrival times with no
 * allowance for jitter ({@link FloodControl}): a message (sendMessage, editMessageText) that would
 * make 31 arrivals from the bot in any second, or 2 in one second in a chat, is answered 429 with
 * {@code retry_after} and does not count. Chat actions are not messages and pass.
 *
 * <p>People are numbered: chat (and user) {@code BASE + n}. It records, per person, when their
 * message was fetched by the bot, when the bot's first message arrived (the acknowledgement) and
 * when a message offering Export arrived (the final reply), in preallocated arrays.
 */
final class LimitedTelegram implements AutoCloseable {

    static final long BASE = 10_000_000L;

    private final ObjectMapper json = new ObjectMapper();
    private final BotApiServer server;
    private final Deque<ObjectNode> updates = new ArrayDeque<>();
    private final long[] fetchedAt;
    private final long[] ackAt;
    private final long[] finalAt;
    private final int[] progressEdits;
    /** Fetched people in fetch order, for "was anyone waiting for an acknowledgement?". */
    private final Deque<Integer> awaitingAck = new ArrayDeque<>();
    private final FloodControl flood = new FloodControl();
    private final Map<Long, Integer> nextMessageId = new HashMap<>();
    private final List<Long> accepted = new ArrayList<>();
    private int nextUpdateId = 1;
    private int tooManyRequests;
    private int progressBeforeWaitingAcks;
    private boolean closed;

    LimitedTelegram(String token, int people) throws IOException {
        this.fetchedAt = new long[people];
        this.ackAt = new long[people];
        this.finalAt = new long[people];
        this.progressEdits = new int[people];
        server = new BotApiServer(token, 32, (method, params) -> method.equals("getupdates") ? getUpdates(params)
                : call(method, params));
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** Person {@code n} writes {@code text} to the bot in a private chat. */
    synchronized void write(int n, String text) {
        updates.addLast(BotApiServer.privateMessage(nextUpdateId++, BASE + n, 1, text));
        notifyAll();
    }

    synchronized long fetchedAt(int n) {
        return fetchedAt[n];
    }

    synchronized long ackAt(int n) {
        return ackAt[n];
    }

    synchronized long finalAt(int n) {
        return finalAt[n];
    }

    synchronized int progressEdits() {
        return Arrays.stream(progressEdits).sum();
    }

    synchronized int tooManyRequests() {
        return tooManyRequests;
    }

    /** Progress edits that arrived while someone fetched over 200 ms before still had no acknowledgement. */
    synchronized int progressBeforeWaitingAcks() {
        return progressBeforeWaitingAcks;
    }

    /** Arrival times (nanoTime) of the messages Telegram accepted. */
    synchronized List<Long> accepted() {
        return List.copyOf(accepted);
    }

    private synchronized ObjectNode getUpdates(JsonNode p) {
        long offset = p.path("offset").asLong(0);
        int limit = p.path("limit").asInt(100);
        long deadline = System.nanoTime() + Duration.ofSeconds(Math.min(10, p.path("timeout").asLong(0))).toNanos();
        while (!updates.isEmpty() && updates.peekFirst().path("update_id").asLong() < offset) {
            updates.pollFirst();
        }
        while (updates.isEmpty() && !closed && System.nanoTime() < deadline) {
            try {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        ArrayNode result = json.createArrayNode();
        long now = System.nanoTime();
        for (ObjectNode u : updates) {
            if (result.size() >= limit) {
                break;
            }
            result.add(u);
            int n = (int) (u.path("message").path("chat").path("id").asLong() - BASE);
            if (fetchedAt[n] == 0) {
                fetchedAt[n] = now;
                awaitingAck.addLast(n);
            }
        }
        return BotApiServer.ok(result);
    }

    private synchronized ObjectNode call(String method, JsonNode p) {
        switch (method) {
            case "getme":
                return BotApiServer.me();
            case "deletewebhook", "setmycommands", "sendchataction", "answercallbackquery":
                return BotApiServer.ok(json.getNodeFactory().booleanNode(true));
            case "sendmessage", "editmessagetext":
                return message(method, p);
            default:
                return BotApiServer.error(404, "Not Found: method not found");
        }
    }

    private ObjectNode message(String method, JsonNode p) {
        long now = System.nanoTime();
        long chat = p.path("chat_id").asLong();
        int n = (int) (chat - BASE);
        long wait = flood.admit(chat, now);
        if (wait > 0) {
            tooManyRequests++;
            return BotApiServer.tooManyRequests(wait);
        }
        accepted.add(now);
        boolean offersExport = p.path("reply_markup").toString().contains("\"export\"");
        if (n >= 0 && n < ackAt.length) {
            if (ackAt[n] == 0) {
                ackAt[n] = now;
            } else if (offersExport && finalAt[n] == 0) {
                finalAt[n] = now;
            } else if (method.equals("editmessagetext") && !offersExport) {
                progressEdits[n]++;
                checkAcksFirst(now);
            }
        }
        int id;
        if (method.equals("sendmessage")) {
            id = nextMessageId.merge(chat, 1, Integer::sum);
        } else {
            id = p.path("message_id").asInt();
        }
        return BotApiServer.sent(chat, id, p.path("text").asText(""));
    }

    private void checkAcksFirst(long now) {
        while (!awaitingAck.isEmpty() && ackAt[awaitingAck.peekFirst()] != 0) {
            awaitingAck.pollFirst();
        }
        if (!awaitingAck.isEmpty() && fetchedAt[awaitingAck.peekFirst()] < now - 200_000_000L) {
            progressBeforeWaitingAcks++;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        server.close();
    }
}
