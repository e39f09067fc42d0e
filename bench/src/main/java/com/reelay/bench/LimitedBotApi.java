package com.reelay.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Bot API on 127.0.0.1 that enforces Telegram's limits and answers 429 with {@code retry_after}
 * when a call would exceed one: 1 message per second in a chat, 20 per minute in a group
 * (negative chat ids), 30 per second overall, counting sendMessage and editMessageText. Each limit
 * is a sliding window over arrival times, shortened by {@link #JITTER} so that a call the outbox
 * timed exactly at a window's end is not refused for arriving a few milliseconds early behind an
 * earlier call that was delivered late. Refused calls do not count against a window. Editing a
 * message to the text it shows is "message is not modified", as on Telegram.
 */
final class LimitedBotApi implements AutoCloseable {

    static final Duration JITTER = Duration.ofMillis(50);

    private record Window(int messages, long nanos) {
    }

    private static final Window PER_CHAT = window(1, Duration.ofSeconds(1));
    private static final Window PER_GROUP = window(20, Duration.ofMinutes(1));
    private static final Window GLOBAL = window(30, Duration.ofSeconds(1));

    private final BotApiServer server;
    private final Map<Long, Map<Integer, String>> messages = new HashMap<>();
    private final Map<Long, Deque<Long>> perChat = new HashMap<>();
    private final Map<Long, Deque<Long>> perGroup = new HashMap<>();
    private final Deque<Long> global = new ArrayDeque<>();
    private final List<Long> accepted = new ArrayList<>();
    private final long created = System.nanoTime();
    private int tooManyRequests;
    private final List<String> refusals = new ArrayList<>();
    private int notModified;
    private int otherErrors;
    private int nextMessageId = 1_000;

    private static Window window(int messages, Duration per) {
        return new Window(messages, per.minus(JITTER).toNanos());
    }

    LimitedBotApi(String token) throws IOException {
        server = new BotApiServer(token, 8, this::call);
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** A message the bot posted before (a progress message of a running request). */
    synchronized int seedMessage(long chatId, String text) {
        int id = nextMessageId++;
        messages.computeIfAbsent(chatId, c -> new HashMap<>()).put(id, text);
        return id;
    }

    synchronized String text(long chatId, int messageId) {
        return messages.getOrDefault(chatId, Map.of()).get(messageId);
    }

    /** Arrival times (nanoTime) of the calls answered ok. */
    synchronized List<Long> accepted() {
        return List.copyOf(accepted);
    }

    synchronized int tooManyRequests() {
        return tooManyRequests;
    }

    /** Why each 429 was answered: how early the call came for each limit. */
    synchronized List<String> refusals() {
        return List.copyOf(refusals);
    }

    synchronized int notModified() {
        return notModified;
    }

    synchronized int otherErrors() {
        return otherErrors;
    }

    private synchronized ObjectNode call(String method, JsonNode p) {
        long now = System.nanoTime();
        long chatId = p.path("chat_id").asLong();
        if (!method.equals("sendmessage") && !method.equals("editmessagetext")) {
            otherErrors++;
            return BotApiServer.error(404, "Not Found: method not found");
        }
        long chatWait = waitNanos(perChat.get(chatId), PER_CHAT, now);
        long groupWait = chatId < 0 ? waitNanos(perGroup.get(chatId), PER_GROUP, now) : 0;
        long globalWait = waitNanos(global, GLOBAL, now);
        long wait = Math.max(chatWait, Math.max(groupWait, globalWait));
        if (wait > 0) {
            tooManyRequests++;
            refusals.add(String.format("at %d ms: %s chat=%d early by: chat %d ms, group %d ms, global %d ms",
                    (now - created) / 1_000_000, method, chatId,
                    chatWait / 1_000_000, groupWait / 1_000_000, globalWait / 1_000_000));
            return BotApiServer.tooManyRequests(wait);
        }
        Map<Integer, String> chat = messages.computeIfAbsent(chatId, c -> new HashMap<>());
        String text = p.path("text").asText("");
        int id;
        if (method.equals("sendmessage")) {
            id = nextMessageId++;
        } else {
            id = p.path("message_id").asInt();
            String old = chat.get(id);
            if (old == null) {
                otherErrors++;
                return BotApiServer.error(400, "Bad Request: message to edit not found");
            }
            if (old.equals(text)) {
                notModified++;
                return BotApiServer.error(400, "Bad Request: message is not modified: specified new message content and reply"
                        + " markup are exactly the same as a current content and reply markup of the message");
            }
        }
        chat.put(id, text);
        perChat.computeIfAbsent(chatId, c -> new ArrayDeque<>()).addLast(now);
        if (chatId < 0) {
            perGroup.computeIfAbsent(chatId, c -> new ArrayDeque<>()).addLast(now);
        }
        global.addLast(now);
        accepted.add(now);
        return BotApiServer.sent(chatId, id, text);
    }

    /** How long until one more call fits the window (0: now). */
    private static long waitNanos(Deque<Long> times, Window w, long now) {
        if (times == null) {
            return 0;
        }
        while (!times.isEmpty() && times.peekFirst() <= now - w.nanos()) {
            times.pollFirst();
        }
        return times.size() < w.messages() ? 0 : times.peekFirst() + w.nanos() - now;
    }

    @Override
    public void close() {
        server.close();
    }
}
