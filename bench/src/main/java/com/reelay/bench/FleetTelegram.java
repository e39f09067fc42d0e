package com.reelay.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Telegram as a fleet of instances behind a load balancer meets it, on 127.0.0.1: one bot token
 * whose Bot API answers every instance, and people writing through webhooks ({@link WebhookBalancer}
 * delivers what they write). With {@code limited} it enforces Telegram's flood control
 * ({@link FloodControl}: 30 messages a second per bot however many processes send, one a second
 * per chat, 429 with {@code retry_after}); without, it accepts everything, so that the bot's own
 * capacity shows.
 *
 * <p>People are numbered: chat (and user) {@code BASE + c}. Every message a person writes is an
 * update, and its index here is its update_id less one. Per update the ledger keeps when it was written,
 * posted to a webhook and answered 200, when the bot's acknowledgement (its first message about
 * it) arrived, and when the reply did: the message carrying the agent's answer, which replaces the
 * acknowledgement. A chat runs its requests one at a time in arrival order, so its messages are
 * matched to its updates in that order.
 */
final class FleetTelegram implements AutoCloseable {

    static final long BASE = 20_000_000L;
    /** What people write: a question, which the simulator answers at once, with no video to make. */
    static final String QUESTION = "what can you do?";
    /** Words of the simulator's answer to it: the message carrying them is the reply. */
    private static final String ANSWER = "Describe the video you want";

    /** An update to deliver: its id and the JSON Telegram posts. */
    record Update(int id, byte[] body) {
    }

    /** What happened to the updates written so far (times from {@link System#nanoTime()}, 0: not yet). */
    record Ledger(int[] chat, long[] writtenAt, long[] postedAt, long[] answeredAt, long[] ackAt, long[] replyAt,
                  long[] accepted, long[] progressEdits, long[] otherMessages, int tooManyRequests) {

        int updates() {
            return chat.length;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final BotApiServer server;
    private final boolean limited;
    private final String webhookUrl;
    private final FloodControl flood = new FloodControl();
    private final int[] chatOf;
    private final long[] writtenAt;
    private final long[] postedAt;
    private final long[] answeredAt;
    private final long[] ackAt;
    private final long[] replyAt;
    private final List<Deque<Integer>> awaitingAck = new ArrayList<>();
    private final List<Deque<Integer>> awaitingReply = new ArrayList<>();
    private final int[] written;
    private final Map<Long, Integer> nextMessageId = new HashMap<>();
    private final List<Long> accepted = new ArrayList<>();
    private volatile IntConsumer onReply = chat -> { };
    private int updates;
    private final List<Long> progressEdits = new ArrayList<>();
    private final List<Long> otherMessages = new ArrayList<>();
    private int tooManyRequests;

    /** {@code capacity}: the most updates one run may write. */
    FleetTelegram(String token, boolean limited, String webhookUrl, int chats, int capacity) throws IOException {
        this.limited = limited;
        this.webhookUrl = webhookUrl;
        this.chatOf = new int[capacity];
        this.writtenAt = new long[capacity];
        this.postedAt = new long[capacity];
        this.answeredAt = new long[capacity];
        this.ackAt = new long[capacity];
        this.replyAt = new long[capacity];
        this.written = new int[chats];
        for (int c = 0; c < chats; c++) {
            awaitingAck.add(new ArrayDeque<>());
            awaitingReply.add(new ArrayDeque<>());
        }
        server = new BotApiServer(token, 32, this::call);
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** Called with the person's number each time a reply reaches them (on the fake's thread). */
    void onReply(IntConsumer listener) {
        this.onReply = listener;
    }

    /** Person {@code chat} writes the question: the update Telegram is to deliver. */
    synchronized Update write(int chat) {
        if (updates == chatOf.length) {
            throw new IllegalStateException("the ledger holds " + updates + " updates at most");
        }
        int id = updates++;
        chatOf[id] = chat;
        writtenAt[id] = System.nanoTime();
        awaitingAck.get(chat).addLast(id);
        awaitingReply.get(chat).addLast(id);
        try {
            return new Update(id, json.writeValueAsBytes(BotApiServer.privateMessage(id + 1L, BASE + chat, ++written[chat],
                    QUESTION)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void posted(int update, long at) {
        postedAt[update] = at;
    }

    /** The webhook answered 200: the update is the fleet's. */
    synchronized void answered(int update, long at) {
        answeredAt[update] = at;
    }

    synchronized Ledger ledger() {
        return new Ledger(Arrays.copyOf(chatOf, updates), Arrays.copyOf(writtenAt, updates), Arrays.copyOf(postedAt, updates),
                Arrays.copyOf(answeredAt, updates), Arrays.copyOf(ackAt, updates), Arrays.copyOf(replyAt, updates),
                array(accepted), array(progressEdits), array(otherMessages), tooManyRequests);
    }

    private ObjectNode call(String method, JsonNode p) {
        int replied = -1;
        ObjectNode answer;
        synchronized (this) {
            switch (method) {
                case "getme" -> answer = BotApiServer.me();
                case "setmycommands", "setwebhook", "deletewebhook", "sendchataction" ->
                        answer = BotApiServer.ok(json.getNodeFactory().booleanNode(true));
                case "getwebhookinfo" -> answer = BotApiServer.ok(json.createObjectNode().put("url", webhookUrl)
                        .put("has_custom_certificate", false).put("pending_update_count", 0));
                case "sendmessage", "editmessagetext" -> {
                    long chat = p.path("chat_id").asLong();
                    String text = p.path("text").asText("");
                    long wait = limited ? flood.admit(chat, System.nanoTime()) : 0;
                    if (wait > 0) {
                        tooManyRequests++;
                        answer = BotApiServer.tooManyRequests(wait);
                    } else {
                        replied = note(method, chat, text);
                        int id = method.equals("sendmessage") ? nextMessageId.merge(chat, 1, Integer::sum)
                                : p.path("message_id").asInt();
                        answer = BotApiServer.sent(chat, id, text);
                    }
                }
                default -> answer = BotApiServer.error(404, "Not Found: method not found");
            }
        }
        if (replied >= 0) {
            onReply.accept(replied);
        }
        return answer;
    }

    /** Records a message Telegram accepted; returns the person it replied to, else -1. */
    private int note(String method, long chatId, String text) {
        long now = System.nanoTime();
        accepted.add(now);
        int chat = (int) (chatId - BASE);
        if (chat < 0 || chat >= awaitingAck.size()) {
            return -1;
        }
        if (text.contains(ANSWER)) {
            Integer update = awaitingReply.get(chat).pollFirst();
            if (update == null) {
                return -1;
            }
            replyAt[update] = now;
            if (awaitingAck.get(chat).remove(update)) {
                ackAt[update] = now; // the reply was its first message
            }
            return chat;
        }
        if (method.equals("sendmessage")) {
            Integer update = awaitingAck.get(chat).pollFirst();
            if (update != null) {
                ackAt[update] = now;
            } else {
                otherMessages.add(now);
            }
        } else {
            progressEdits.add(now);
        }
        return -1;
    }

    private static long[] array(List<Long> times) {
        return times.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public void close() {
        server.close();
    }
}
