package com.reelay.telegram;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Asks Telegram for updates (getUpdates) on one thread, against the configured API base.
 * Written here rather than taken from telegrambots-longpolling so that errors are logged with
 * the token masked and with what to do (409: another instance polls this bot; 401: wrong token),
 * and so that stopping is quiet: the poll in flight is cut, not reported as a failure.
 */
final class LongPolling implements AutoCloseable {

    static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query");

    private static final Logger log = LoggerFactory.getLogger(LongPolling.class);
    /** How long Telegram holds a getUpdates request open when there is nothing new. */
    private static final int POLL_SECONDS = 50;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final BotApi api;
    private final TokenMask mask;
    private final Runnable cancelPoll;
    private final Runnable heard;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closed;
    private Thread thread;

    /**
     * @param api        a client whose read timeout exceeds the poll time
     * @param cancelPoll cuts the request in flight (on close)
     * @param heard      told of every successful poll (readiness)
     */
    LongPolling(BotApi api, TokenMask mask, Runnable cancelPoll, Runnable heard) {
        this.api = api;
        this.mask = mask;
        this.cancelPoll = cancelPoll;
        this.heard = heard;
    }

    /** Removes a webhook if one is set (updates can't be polled while it is), then polls until {@link #close()}. */
    void start(Consumer<Update> handler) throws ExecutionException, InterruptedException {
        api.call(DeleteWebhook.builder().build()).get();
        thread = new Thread(() -> poll(handler), "telegram-poller");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll(Consumer<Update> handler) {
        int offset = 0;
        Duration backoff = FIRST_BACKOFF;
        while (!closed) {
            try {
                List<Update> updates = api.call(GetUpdates.builder().offset(offset).limit(100).timeout(POLL_SECONDS)
                        .allowedUpdates(ALLOWED_UPDATES).build()).get();
                heard.run();
                backoff = FIRST_BACKOFF;
                for (Update update : updates) {
                    offset = Math.max(offset, update.getUpdateId() + 1);
                    handler.accept(update);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | RuntimeException e) {
                if (closed) {
                    return;
                }
                report(e);
                if (waitForClose(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void report(Exception e) {
        ApiFailure f = ApiFailure.of(e);
        if (f.code() == 409) {
            log.warn("getUpdates conflict: another process polls this bot, or a webhook is set; retrying");
        } else if (f.code() == 401 || f.code() == 404) {
            log.error("getUpdates refused ({}): is TELEGRAM_BOT_TOKEN right?", f.code());
        } else if (f.kind() == ApiFailure.Kind.RATE_LIMITED) {
            log.warn("getUpdates rate limited; retrying");
        } else {
            log.warn("getUpdates failed, retrying: {}", mask.describe(ApiFailure.unwrap(e)));
        }
    }

    /** Sleeps {@code time} unless closed first; true when closed. */
    private boolean waitForClose(Duration time) {
        try {
            return stopped.await(time.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void close() {
        closed = true;
        stopped.countDown();
        cancelPoll.run();
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
