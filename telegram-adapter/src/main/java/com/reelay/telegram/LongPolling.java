package com.reelay.telegram;

import com.reelay.core.chat.support.DaemonThreads;
import com.reelay.core.chat.support.SecretMask;
import io.github.resilience4j.core.IntervalFunction;
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
    /**
     * The wait after the n-th failure in a row: 0.5 s, doubling up to 30 s. Without jitter: one
     * process polls a bot, so there is no crowd of retries to spread out.
     */
    static final IntervalFunction BACKOFF = IntervalFunction.ofExponentialBackoff(Duration.ofMillis(500), 2.0,
            Duration.ofSeconds(30));

    private static final Logger log = LoggerFactory.getLogger(LongPolling.class);
    /** How long Telegram holds a getUpdates request open when there is nothing new. */
    private static final int POLL_SECONDS = 50;
    /** How often an instance that does not poll looks whether the fleet's poller is gone. */
    private static final long FOLLOWER_LOOK_MS = 1_000;
    /**
     * Failed polls in a row (about 30 s with {@link #BACKOFF}) after which a fleet's poller hands
     * the feed to another instance: Telegram may be unreachable from this host only.
     */
    static final int STEP_DOWN_AFTER_FAILURES = 6;
    private final long followerLookMs;

    private final BotApi api;
    private final SecretMask mask;
    private final Runnable cancelPoll;
    private final IntervalFunction backoff;
    private final Runnable heard;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closed;
    private Thread thread;

    /**
     * @param api        a client whose read timeout exceeds the poll time
     * @param cancelPoll cuts the request in flight (on close)
     * @param backoff    milliseconds to wait after the n-th failed poll in a row ({@link #BACKOFF})
     * @param heard      told of every successful poll (readiness)
     */
    LongPolling(BotApi api, SecretMask mask, Runnable cancelPoll, IntervalFunction backoff, Runnable heard) {
        this(api, mask, cancelPoll, backoff, heard, FOLLOWER_LOOK_MS);
    }

    /** @param followerLookMs how often a fleet instance that does not poll asks whether it leads now */
    LongPolling(BotApi api, SecretMask mask, Runnable cancelPoll, IntervalFunction backoff, Runnable heard,
                long followerLookMs) {
        this.api = api;
        this.mask = mask;
        this.cancelPoll = cancelPoll;
        this.backoff = backoff;
        this.heard = heard;
        this.followerLookMs = followerLookMs;
    }

    /** Removes a webhook if one is set (updates can't be polled while it is), then polls until {@link #close()}. */
    void start(Consumer<Update> handler) throws ExecutionException, InterruptedException {
        start(handler, PollFeed.alone());
    }

    /** As {@link #start(Consumer)}, polling only while {@code feed} says this process leads. */
    void start(Consumer<Update> handler, PollFeed feed) throws ExecutionException, InterruptedException {
        api.call(DeleteWebhook.builder().build()).get();
        thread = DaemonThreads.named("telegram-poller").newThread(() -> poll(handler, feed));
        thread.start();
    }

    private void poll(Consumer<Update> handler, PollFeed feed) {
        Integer offset = null; // read from the feed each time this process starts leading
        int failures = 0;
        while (!closed) {
            try {
                if (!feed.leads()) {
                    offset = null;
                    heard.run(); // the fleet reads Telegram; its leader polls
                    if (waitForClose(followerLookMs)) {
                        return;
                    }
                    continue;
                }
                if (offset == null) {
                    offset = feed.position();
                    log.info("telegram poller leading from offset {}", offset);
                }
                List<Update> updates = api.call(GetUpdates.builder().offset(offset).limit(100).timeout(POLL_SECONDS)
                        .allowedUpdates(ALLOWED_UPDATES).build()).get();
                heard.run();
                failures = 0;
                int next = offset;
                for (Update update : updates) {
                    next = Math.max(next, update.getUpdateId() + 1);
                    handler.accept(update);
                }
                if (next != offset) {
                    feed.save(next);
                    offset = next;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | RuntimeException e) {
                if (closed) {
                    return;
                }
                offset = null; // an update not kept is asked for again from the saved offset
                report(e);
                if (++failures >= STEP_DOWN_AFTER_FAILURES && stepDown(feed, failures)) {
                    failures = 0;
                    continue; // a follower now: it looks at once whether the fleet gave the feed back
                }
                if (waitForClose(backoff.apply(failures))) {
                    return;
                }
            }
        }
    }

    /** True when another instance may poll now (this one then follows). */
    private boolean stepDown(PollFeed feed, int failures) {
        try {
            if (feed.stepDown()) {
                log.warn("telegram poller stepping down after {} failed polls in a row: another instance may reach Telegram",
                        failures);
                return true;
            }
        } catch (RuntimeException e) {
            log.warn("telegram poller could not step down: {}", mask.describe(e));
        }
        return false;
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
            log.warn("getUpdates failed, retrying: {}", mask.describe(e));
        }
    }

    /** Sleeps {@code millis} unless closed first; true when closed. */
    private boolean waitForClose(long millis) {
        try {
            return stopped.await(millis, TimeUnit.MILLISECONDS);
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
