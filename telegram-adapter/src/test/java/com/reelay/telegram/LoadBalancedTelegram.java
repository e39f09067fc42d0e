package com.reelay.telegram;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The fake Telegram ({@link FakeTelegram}) in load-balancer mode, for tests outside this module
 * (bot-app's fleet test runs the real jar several times behind it). People write in private
 * chats; their updates are POSTed round-robin to the instances' webhooks with the secret-token
 * header, and a refused connection or an answer other than 2xx is tried again on the next
 * instance after a short pause ({@link WebhookBalancer}). The Bot API keeps Telegram's flood
 * control: a message (send, edit, video) that would make 31 in a trailing second from the bot, or
 * 2 in a second in one chat, gets 429 with {@code retry_after}; the 429s served are counted.
 * Each chat's transcript (sends and edits, in the order Telegram accepted them) is kept.
 */
public final class LoadBalancedTelegram implements AutoCloseable {

    /** The path of the webhook URL; every instance listens on it. */
    public static final String WEBHOOK_PATH = "/telegram/hook";
    /** What Telegram is told the webhook is: the balancer's public address (never contacted). */
    public static final String WEBHOOK_URL = "https://fleet.example.test" + WEBHOOK_PATH;
    /** How long a failed delivery waits before it is tried on the next instance. */
    public static final Duration REDELIVERY_PAUSE = Duration.ofMillis(250);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);

    /** One thing the bot said: a new message ({@code edit} false) or a change of one, at {@code atMillis} (epoch ms). */
    public record Said(int messageId, boolean edit, String text, long atMillis) {
    }

    /** A POST that did not deliver: {@code status} 0 when the connection failed ({@code error} says how). */
    public record FailedDelivery(long updateId, long chatId, URI instance, int status, String error) {
    }

    private final FakeTelegram telegram;
    private final String secret;
    private WebhookBalancer balancer;

    /** Starts the Bot API on 127.0.0.1; {@code secret} is the webhook's secret token. */
    public LoadBalancedTelegram(String secret) throws IOException {
        this.telegram = new FakeTelegram();
        this.secret = secret;
        telegram.enforceFloodControl();
    }

    /** The TELEGRAM_* variables of one instance that listens for the webhook on {@code webhookPort}. */
    public Map<String, String> instanceEnvironment(int webhookPort) {
        return Map.of("TELEGRAM_BOT_TOKEN", FakeTelegram.TOKEN,
                "TELEGRAM_API_BASE", telegram.baseUrl(),
                "TELEGRAM_UPDATE_MODE", "WEBHOOK",
                "TELEGRAM_WEBHOOK_URL", WEBHOOK_URL,
                "TELEGRAM_WEBHOOK_LISTEN_PORT", Integer.toString(webhookPort),
                "TELEGRAM_WEBHOOK_SECRET_TOKEN", secret);
    }

    /** What TELEGRAM_API_BASE is: scheme, host and port of the Bot API. */
    public String apiBase() {
        return telegram.baseUrl();
    }

    /** The bot token, to check that no log line carries it. */
    public String token() {
        return FakeTelegram.TOKEN;
    }

    /** From now on updates go round-robin to these webhook ports on 127.0.0.1 (call once). */
    public synchronized void balanceAcross(List<Integer> webhookPorts) {
        if (balancer != null) {
            throw new IllegalStateException("already balancing");
        }
        List<URI> backends = webhookPorts.stream().map(p -> URI.create("http://127.0.0.1:" + p + WEBHOOK_PATH)).toList();
        balancer = new WebhookBalancer(backends, secret, WebhookBalancer.TELEGRAM_CONNECTIONS, REDELIVERY_PAUSE,
                DELIVERY_TIMEOUT, telegram::webhookDeliveryFailed);
    }

    /** The person of private chat {@code chatId} (their user id is the chat id) writes {@code text}. */
    public synchronized void send(long chatId, String text) {
        if (balancer == null) {
            throw new IllegalStateException("balanceAcross first");
        }
        telegram.sendText(chatId, new FakeTelegram.Person(chatId, "Person" + chatId, "en"), text);
        telegram.takeUpdates().forEach(balancer::deliver);
    }

    /** Everything the bot said in the chat, sends and edits, in the order Telegram accepted them. */
    public List<Said> conversation(long chatId) {
        return telegram.transcript(chatId).stream().map(s -> new Said(s.messageId(), s.edit(), s.text(), s.atMillis())).toList();
    }

    /** 429 Too Many Requests answers served so far. */
    public long tooManyRequestsServed() {
        return telegram.tooManyRequestsServed();
    }

    /** Calls that broke Telegram's limits (each also got its 429). */
    public List<String> violations() {
        return telegram.violations();
    }

    /** Errors the Bot API answered other than 429 (a bad edit, a message too long...). */
    public List<String> otherErrors() {
        return telegram.calls().stream().filter(c -> !c.ok() && c.errorCode() != 429)
                .map(c -> c.method() + " chat " + c.chatId() + ": " + c.errorCode() + " " + c.description()).toList();
    }

    /** Updates no instance has answered 2xx yet. */
    public int undelivered() {
        WebhookBalancer b = balancer;
        return b == null ? 0 : b.undelivered();
    }

    /** Every POST that did not deliver, oldest first. */
    public List<FailedDelivery> failedDeliveries() {
        WebhookBalancer b = balancer;
        return b == null ? List.of() : b.attempts().stream().filter(a -> !a.delivered())
                .map(a -> new FailedDelivery(a.updateId(), a.chatId(), a.backend(), a.status(), a.error())).toList();
    }

    @Override
    public void close() {
        WebhookBalancer b;
        synchronized (this) {
            b = balancer;
        }
        if (b != null) {
            b.close();
        }
        telegram.close();
    }
}
