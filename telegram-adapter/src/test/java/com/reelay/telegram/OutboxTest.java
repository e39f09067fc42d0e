package com.reelay.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.chat.support.SecretMask;
import com.reelay.telegram.TelegramSettings.OutboxLimits;
import com.reelay.telegram.TelegramSettings.Rate;
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

/** The outbox under hand-moved time: pacing, 429 holds, edit coalescing, retries. */
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

    private Supplier<CompletableFuture<?>> edit(String chat, String label) {
        return () -> call(chat, label).get();
    }

    @Test
    void sendsAtMostOneMessagePerSecondInAChat() {
        CompletableFuture<String> a = outbox.send("1", call("1", "a"));
        CompletableFuture<String> b = outbox.send("1", call("1", "b"));
        CompletableFuture<String> c = outbox.send("1", call("1", "c"));
        assertEquals(List.of("1:a"), made);
        assertEquals("a", a.join());
        time.advance(Duration.ofMillis(999));
        assertEquals(List.of("1:a"), made);
        assertFalse(b.isDone());
        time.advance(Duration.ofMillis(1));
        assertEquals(List.of("1:a", "1:b"), made);
        time.advance(Duration.ofSeconds(1));
        assertEquals(List.of("1:a", "1:b", "1:c"), made);
        assertEquals("c", c.join());
    }

    @Test
    void aChatsNextMessageWaitsASecondFromWhenTelegramAnsweredTheLastOne() {
        CompletableFuture<String> slow = new CompletableFuture<>();
        outbox.send("1", () -> {
            made.add("1:a");
            return slow;
        });
        outbox.send("1", call("1", "b"));
        time.advance(Duration.ofMillis(300)); // the first call is still on its way
        slow.complete("a");
        time.advance(Duration.ofMillis(700)); // a second after the start, 0.7 s after the answer
        assertEquals(List.of("1:a"), made);
        time.advance(Duration.ofMillis(300));
        assertEquals(List.of("1:a", "1:b"), made);
    }

    @Test
    void chatsDoNotWaitForEachOther() {
        outbox.send("1", call("1", "a"));
        outbox.send("1", call("1", "b"));
        outbox.send("2", call("2", "a"));
        assertEquals(List.of("1:a", "2:a"), made);
    }

    @Test
    void keepsToThirtyMessagesPerSecondOverall() {
        for (int chat = 1; chat <= 35; chat++) {
            outbox.send(Integer.toString(chat), call(Integer.toString(chat), "hi"));
        }
        assertEquals(30, made.size());
        time.advance(Duration.ofMillis(999));
        assertEquals(30, made.size());
        time.advance(Duration.ofMillis(1));
        assertEquals(35, made.size());
    }

    @Test
    void keepsToTwentyMessagesPerMinuteInAGroup() {
        for (int i = 0; i < 25; i++) {
            outbox.send("-100", call("-100", "m" + i));
        }
        time.advance(Duration.ofSeconds(59));
        assertEquals(20, made.size(), "one a second until the group's 20 a minute are used up");
        time.advance(Duration.ofSeconds(1));
        assertEquals(21, made.size(), "the first of the 20 has left the minute");
        time.advance(Duration.ofSeconds(4));
        assertEquals(25, made.size());
    }

    @Test
    void holdsOnlyTheRateLimitedChatForRetryAfterAndThenSendsTheSameCallAgain() {
        script.add(TelegramErrors.rateLimited(3));
        CompletableFuture<String> held = outbox.send("1", call("1", "a"));
        assertEquals(List.of("1:a"), made);
        assertFalse(held.isDone());

        outbox.send("2", call("2", "b"));
        assertEquals(List.of("1:a", "2:b"), made, "other chats go on");

        time.advance(Duration.ofMillis(2999));
        assertEquals(2, made.size());
        time.advance(Duration.ofMillis(1));
        assertEquals(List.of("1:a", "2:b", "1:a"), made);
        assertEquals("a", held.join());
    }

    @Test
    void keepsOrderInAChatBehindARateLimitedMessage() {
        script.add(TelegramErrors.rateLimited(2));
        outbox.send("1", call("1", "first"));
        CompletableFuture<String> second = outbox.send("1", call("1", "second"));
        time.advance(Duration.ofSeconds(2));
        assertEquals(List.of("1:first", "1:first"), made);
        time.advance(Duration.ofSeconds(1));
        assertEquals(List.of("1:first", "1:first", "1:second"), made);
        assertEquals("second", second.join());
    }

    @Test
    void aMessageNotModifiedIsDelivered() {
        script.add(TelegramErrors.badRequest("message is not modified: specified new message content and reply "
                + "markup are exactly the same as a current content and reply markup of the message"));
        CompletableFuture<Void> edited = outbox.edit("1", 7, edit("1", "same"));
        assertTrue(edited.isDone());
        assertFalse(edited.isCompletedExceptionally());
        assertNull(edited.join());
    }

    @Test
    void pendingEditsOfOneMessageCollapseIntoTheNewest() {
        outbox.send("1", call("1", "progress"));
        CompletableFuture<Void> first = outbox.edit("1", 5, edit("1", "edit 1"));
        CompletableFuture<Void> second = outbox.edit("1", 5, edit("1", "edit 2"));
        CompletableFuture<Void> third = outbox.edit("1", 5, edit("1", "edit 3"));
        CompletableFuture<Void> other = outbox.edit("1", 6, edit("1", "other message"));
        time.advance(Duration.ofSeconds(5));
        assertEquals(List.of("1:progress", "1:edit 3", "1:other message"), made);
        assertTrue(first.isDone() && second.isDone() && third.isDone() && other.isDone());
    }

    @Test
    void aNewerEditReplacesOneWaitingOutARateLimit() {
        script.add(TelegramErrors.rateLimited(5));
        CompletableFuture<Void> first = outbox.edit("1", 5, edit("1", "50%"));
        CompletableFuture<Void> newer = outbox.edit("1", 5, edit("1", "80%"));
        time.advance(Duration.ofSeconds(5));
        assertEquals(List.of("1:50%", "1:80%"), made, "only the newest text is sent after the wait");
        assertTrue(first.isDone() && !first.isCompletedExceptionally());
        assertTrue(newer.isDone());
    }

    @Test
    void retriesNetworkTroubleTwiceThenGivesUp() {
        script.add(new IOException("connection reset"));
        script.add(new IOException("connection reset"));
        script.add(new IOException("connection reset"));
        CompletableFuture<String> sent = outbox.send("1", call("1", "a"));
        time.advance(Duration.ofSeconds(10));
        assertEquals(List.of("1:a", "1:a", "1:a"), made);
        ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, sent::get);
        assertInstanceOf(IOException.class, failed.getCause());
    }

    @Test
    void aRefusedMessageFailsAtOnceAndTheChatGoesOn() {
        script.add(TelegramErrors.error(403, "Forbidden: bot was blocked by the user", null));
        CompletableFuture<String> refused = outbox.send("1", call("1", "a"));
        CompletableFuture<String> next = outbox.send("1", call("1", "b"));
        assertTrue(refused.isCompletedExceptionally());
        time.advance(Duration.ofSeconds(1));
        assertEquals("b", next.join());
    }

    @Test
    void chatActionsGoOutAtOnceButNotWhileTelegramSaysToWait() {
        outbox.send("1", call("1", "progress"));
        outbox.chatAction("1", edit("1", "typing"));
        assertEquals(List.of("1:progress", "1:typing"), made, "a hint is not a message: no pacing");

        script.add(TelegramErrors.rateLimited(5));
        outbox.send("2", call("2", "a"));
        outbox.chatAction("2", edit("2", "typing"));
        assertEquals(List.of("1:progress", "1:typing", "2:a"), made, "chat 2 is held: the hint is dropped");
        time.advance(Duration.ofSeconds(5));
        outbox.chatAction("2", edit("2", "typing"));
        assertEquals(List.of("1:progress", "1:typing", "2:a", "2:a", "2:typing"), made);
    }

    @Test
    void closingFailsWhatWasNotSent() {
        outbox.send("1", call("1", "a"));
        CompletableFuture<String> waiting = outbox.send("1", call("1", "b"));
        outbox.close();
        assertTrue(waiting.isCompletedExceptionally());
        assertTrue(outbox.send("1", call("1", "c")).isCompletedExceptionally());
        time.advance(Duration.ofSeconds(2));
        assertEquals(List.of("1:a"), made);
    }

    @Test
    void forgetsChatsThatWentQuiet() {
        Outbox fast = new Outbox(new OutboxLimits(new Rate(1, Duration.ofSeconds(1)), new Rate(20, Duration.ofMinutes(1)),
                new Rate(30, Duration.ofSeconds(1))), time, new SecretMask());
        for (int chat = 1; chat <= 10; chat++) {
            fast.send(Integer.toString(chat), call(Integer.toString(chat), "hi"));
        }
        assertEquals(10, fast.chats(), "each chat's last send still limits its next");
        time.advance(Duration.ofSeconds(2));
        fast.send("11", call("11", "hi"));
        assertEquals(1, fast.chats());
        assertEquals(11, made.size());
    }
}
