package com.reelay.telegram;

import com.reelay.core.chat.SendLine;
import com.reelay.core.chat.Urgency;
import com.reelay.core.chat.send.Allowance;
import com.reelay.core.chat.send.DroppedSend;
import com.reelay.core.chat.send.Recipient;
import com.reelay.core.chat.send.Scheduler;
import com.reelay.core.chat.send.SendBudget;
import com.reelay.core.chat.send.SendLimits;
import com.reelay.core.chat.send.Setback;
import com.reelay.core.chat.support.Futures;
import com.reelay.core.chat.support.SecretMask;
import com.reelay.telegram.TelegramSettings.OutboxLimits;
import com.reelay.telegram.TelegramSettings.Rate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telegram's side of the bot's send budget ({@link SendBudget}, which decides what goes first and
 * when): what Telegram allows (overall, per chat and per group; edits count as messages), what
 * its answers mean (429 with {@code retry_after} holds the chat; "message is not modified" is
 * delivered; network trouble and 5xx are worth another try), and the calls themselves.
 */
final class Outbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final OutboxLimits limits;
    private final SecretMask mask;
    private final Allowance global;
    private final SendBudget budget;

    Outbox(OutboxLimits limits, Scheduler scheduler, SecretMask mask) {
        this.limits = limits;
        this.mask = mask;
        this.global = allowance("global", limits.global());
        this.budget = new SendBudget(TelegramOutput.PLATFORM, SendLimits.of(global, limits.margin()), scheduler,
                Outbox::setback);
    }

    /** Sends a new message (or video) when its class's turn and Telegram's limits allow. */
    <T> CompletableFuture<T> send(String chatId, Urgency urgency, String requestId, Supplier<CompletableFuture<T>> call) {
        return logged(chatId, requestId, budget.send(recipient(chatId), urgency, requestId, call));
    }

    /**
     * Edits message {@code messageId}; if an edit of that message is still waiting, this one
     * replaces it and both callers learn the outcome of the newest.
     */
    CompletableFuture<Void> edit(String chatId, int messageId, Urgency urgency, Supplier<CompletableFuture<?>> call) {
        return logged(chatId, "", budget.edit(recipient(chatId), Integer.toString(messageId), urgency,
                () -> call.get().thenApply(ignored -> (Object) null).exceptionallyCompose(Outbox::notModifiedIsDelivered)));
    }

    /** A chat action ("typing…") is a hint, not a message: no limit counts it, and it is dropped under contention. */
    void chatAction(String chatId, Supplier<CompletableFuture<?>> call) {
        budget.hint(new Recipient(chatId, List.of()), () -> call.get().whenComplete((ignored, error) -> {
            if (error != null) {
                log.debug("chat action not shown chat={}: {}", chatId, mask.describe(error));
            }
        }));
    }

    SendLine line() {
        return budget.line();
    }

    /** A fleet: {@code instances} share the bot's 30/s. */
    void share(int instances) {
        budget.share(instances);
    }

    /** Calls not yet made fail; calls in flight finish on their own. */
    @Override
    public void close() {
        budget.close();
    }

    /** Calls waiting or in flight, across chats; for tests and metrics. */
    int pending() {
        return budget.pending();
    }

    /** Chats the outbox keeps state for; for tests. */
    int chats() {
        return budget.recipients();
    }

    /** Group and supergroup ids are negative; private chats are the user's (positive) id. */
    private Recipient recipient(String chatId) {
        Allowance chat = allowance("chat:" + chatId, limits.perChat());
        return new Recipient(chatId, chatId.startsWith("-")
                ? List.of(global, chat, allowance("group:" + chatId, limits.perGroup()))
                : List.of(global, chat));
    }

    private static Allowance allowance(String key, Rate rate) {
        return new Allowance(key, rate.messages(), rate.per());
    }

    private static Setback setback(Throwable error) {
        ApiFailure f = ApiFailure.of(error);
        return switch (f.kind()) {
            case RATE_LIMITED -> new Setback.RateLimited(f.retryAfter(), Optional.empty());
            case TRANSIENT -> new Setback.Transient();
            default -> new Setback.Final();
        };
    }

    private static CompletableFuture<Object> notModifiedIsDelivered(Throwable error) {
        // The message already shows this: that is what was asked.
        return ApiFailure.of(error).kind() == ApiFailure.Kind.NOT_MODIFIED
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.failedFuture(error);
    }

    private <T> CompletableFuture<T> logged(String chatId, String requestId, CompletableFuture<T> sent) {
        return sent.whenComplete((ignored, error) -> {
            if (error == null || Futures.unwrap(error) instanceof DroppedSend) {
                return;
            }
            ApiFailure f = ApiFailure.of(error);
            if (f.kind() != ApiFailure.Kind.VIDEO_TOO_LARGE) {
                log.warn("telegram call failed chat={} request={} code={}: {}", chatId, requestId, f.code(),
                        mask.describe(error));
            }
        });
    }
}
