package com.reelay.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.chat.Urgency;
import com.reelay.core.chat.support.SecretMask;
import com.reelay.core.testing.ManualScheduler;
import com.reelay.telegram.TelegramSettings.OutboxLimits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Telegram's limits and answers as the outbox hands them to the core's send budget, under
 * hand-moved time. The budget's own rules (class order, collapse, refusals) have their tests in
 * bot-core.
 */
class OutboxTest {

    private final ManualScheduler time = new ManualScheduler();
    private final Outbox outbox = new Outbox(OutboxLimits.telegramDefaults(), time, new SecretMask());
    /** Calls made, as "chat:label", in order. */
    private final List<String> made = new ArrayList<>();
    /** Outcomes for the next calls (null: success); calls beyond the script succeed. */
    private final Deque<Throwable> script = new ArrayDeque<>();

    private Supplier<CompletableFuture<String>> call(String chat, String label) {
        return () -> {
            made.add(chat + ":" + label);
            Throwable outcome = script.poll();
            return outcome == null ? CompletableFuture.completedFuture(label) : CompletableFuture.failedFuture(outcome);
        };
    }

    private CompletableFuture<String> send(String chat, String label) {
        return outbox.send(chat, Urgency.ANSWER, "r-" + label, call(chat, label));
    }

    @Test
    void aChatGetsOneMessageASecondCountedFromTelegramsAnswer() {
        CompletableFuture<String> slow = new CompletableFuture<>();
        outbox.send("1", Urgency.ANSWER, "r", () -> {
            made.add("1:a");
            return slow;
        });
        send("1", "b");
        send("2", "c");
        assertEquals(List.of("1:a", "2:c"), made, "chats do not wait for each other");
        time.advance(Duration.ofMillis(300)); // the first call is still on its way
        slow.complete("a");
        time.advance(Duration.ofMillis(1_000)); // a second after the answer, but not yet the margin
        assertEquals(List.of("1:a", "2:c"), made);
        time.advance(OutboxLimits.DEFAULT_MARGIN);
        assertEquals(List.of("1:a", "2:c", "1:b"), made);
    }

    @Test
    void keepsToThirtyMessagesASecondOverall() {
        for (int chat = 1; chat <= 35; chat++) {
            send(Integer.toString(chat), "hi");
        }
        assertEquals(30, made.size());
        time.advance(Duration.ofSeconds(1));
        assertEquals(30, made.size());
        time.advance(OutboxLimits.DEFAULT_MARGIN);
        assertEquals(35, made.size());
    }

    @Test
    void keepsToTwentyMessagesAMinuteInAGroup() {
        for (int i = 0; i < 25; i++) {
            send("-100", "m" + i);
        }
        time.advance(Duration.ofSeconds(59));
        assertEquals(20, made.size(), "about one a second until the group's 20 a minute are used up");
        time.advance(Duration.ofSeconds(2));
        assertEquals(21, made.size(), "the first of the 20 has left the minute");
    }

    @Test
    void telegramsRetryAfterIsHowLongTheChatWaitsBeforeTheSameCallGoesAgain() {
        script.add(TelegramErrors.rateLimited(4));
        CompletableFuture<String> held = send("1", "a");
        time.advance(Duration.ofMillis(3999));
        assertFalse(held.isDone());
        time.advance(Duration.ofMillis(1));
        assertEquals("a", held.join());
        assertEquals(List.of("1:a", "1:a"), made);
    }

    @Test
    void aMessageNotModifiedIsDelivered() {
        script.add(TelegramErrors.badRequest("message is not modified: specified new message content and reply "
                + "markup are exactly the same as a current content and reply markup of the message"));
        CompletableFuture<Void> edited = outbox.edit("1", 7, Urgency.PROGRESS, () -> call("1", "same").get());
        assertTrue(edited.isDone());
        assertFalse(edited.isCompletedExceptionally());
        assertNull(edited.join());
    }

    @Test
    void networkTroubleIsTriedTwiceMoreThenTheCallerLearnsIt() {
        script.add(new IOException("connection reset"));
        script.add(new IOException("connection reset"));
        script.add(new IOException("connection reset"));
        CompletableFuture<String> sent = send("1", "a");
        time.advance(Duration.ofSeconds(10));
        assertEquals(List.of("1:a", "1:a", "1:a"), made);
        ExecutionException failed = assertThrows(ExecutionException.class, sent::get);
        assertInstanceOf(IOException.class, failed.getCause());
    }

    @Test
    void aRefusedMessageFailsAtOnceAndTheChatGoesOn() {
        script.add(TelegramErrors.error(403, "Forbidden: bot was blocked by the user", null));
        CompletableFuture<String> refused = send("1", "a");
        CompletableFuture<String> next = send("1", "b");
        assertTrue(refused.isCompletedExceptionally());
        time.advance(Duration.ofSeconds(2));
        assertEquals("b", next.join());
    }

    @Test
    void chatActionsAreNotMessagesButWaitWhileTelegramSaysToWait() {
        send("1", "progress");
        outbox.chatAction("1", () -> call("1", "typing").get());
        assertEquals(List.of("1:progress", "1:typing"), made, "a hint is not a message: a chat's pace does not hold it");

        script.add(TelegramErrors.rateLimited(5));
        send("2", "a");
        outbox.chatAction("2", () -> call("2", "typing").get());
        assertEquals(List.of("1:progress", "1:typing", "2:a"), made, "chat 2 is held: the hint is dropped");
        time.advance(Duration.ofSeconds(5));
        outbox.chatAction("2", () -> call("2", "typing").get());
        assertEquals(List.of("1:progress", "1:typing", "2:a", "2:a", "2:typing"), made);
    }
}
