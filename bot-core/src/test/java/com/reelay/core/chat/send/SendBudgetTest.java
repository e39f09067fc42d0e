package com.reelay.core.chat.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.chat.SendLine;
import com.reelay.core.chat.Urgency;
import com.reelay.core.testing.ManualScheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The send budget under hand-moved time: class order, fairness, allowances, collapse, refusals, 429s. */
class SendBudgetTest {

    private static final Allowance GLOBAL = new Allowance("global", 30, Duration.ofSeconds(1));

    private final ManualScheduler time = new ManualScheduler();
    /** Calls made, as "chat:label", in order. */
    private final List<String> made = new ArrayList<>();
    /** Outcomes for the next calls (null: success); calls beyond the script succeed. */
    private final java.util.ArrayDeque<Throwable> script = new java.util.ArrayDeque<>();

    private SendBudget budget(SendLimits limits) {
        return new SendBudget("test", limits, time, SendBudgetTest::setback);
    }

    private SendBudget telegramLike() {
        return budget(SendLimits.of(GLOBAL, Duration.ZERO));
    }

    /** Reads the test's errors as a platform adapter would. */
    private static Setback setback(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (t instanceof TooManyRequests r) {
            return new Setback.RateLimited(r.retryAfter, Optional.ofNullable(r.allowance));
        }
        return t instanceof IOException ? new Setback.Transient() : new Setback.Final();
    }

    private static final class TooManyRequests extends RuntimeException {
        final Duration retryAfter;
        final String allowance;

        TooManyRequests(Duration retryAfter, String allowance) {
            this.retryAfter = retryAfter;
            this.allowance = allowance;
        }
    }

    private static final Allowance ONE_A_SECOND = new Allowance("global", 1, Duration.ofSeconds(1));
    private static final Allowance TWO_A_SECOND = new Allowance("global", 2, Duration.ofSeconds(1));

    /** A recipient counted only by the bot-wide allowance. */
    private static Recipient shared(Allowance global, String id) {
        return new Recipient(id, List.of(global));
    }

    private static Recipient chat(String id) {
        return new Recipient(id, List.of(GLOBAL, new Allowance("chat:" + id, 1, Duration.ofSeconds(1))));
    }

    private static Recipient group(String id) {
        return new Recipient(id, List.of(GLOBAL, new Allowance("chat:" + id, 1, Duration.ofSeconds(1)),
                new Allowance("group:" + id, 20, Duration.ofMinutes(1))));
    }

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

    private CompletableFuture<String> send(SendBudget b, String chat, Urgency u, String label) {
        return b.send(chat(chat), u, "r-" + label, call(chat, label));
    }

    @Test
    void servesAcknowledgementsThenAnswersThenProgress() {
        SendBudget b = budget(SendLimits.of(TWO_A_SECOND, Duration.ZERO));
        Recipient busy = new Recipient("0", List.of(TWO_A_SECOND));
        b.send(busy, Urgency.ANSWER, "r0", call("0", "a"));
        b.send(busy, Urgency.ANSWER, "r0", call("0", "b")); // the window is full for a second
        b.send(shared(TWO_A_SECOND, "1"), Urgency.PROGRESS, "r1", call("1", "progress"));
        b.send(shared(TWO_A_SECOND, "2"), Urgency.ANSWER, "r2", call("2", "answer"));
        b.send(shared(TWO_A_SECOND, "3"), Urgency.ACKNOWLEDGEMENT, "r3", call("3", "ack"));
        assertEquals(List.of("0:a", "0:b"), made);

        time.advance(Duration.ofSeconds(1));
        assertEquals(List.of("0:a", "0:b", "3:ack", "2:answer"), made);
        time.advance(Duration.ofSeconds(1));
        assertEquals(List.of("0:a", "0:b", "3:ack", "2:answer", "1:progress"), made);
    }


    @Test
    void aFleetOfThreeKeepsToAThirdOfTheBotsAllowanceAndTheChatsStayWhole() {
        SendBudget b = telegramLike();
        b.share(3); // Telegram's 30/s is per token: three instances, 10/s each
        for (int i = 0; i < 25; i++) {
            send(b, String.valueOf(i), Urgency.ANSWER, "m" + i);
        }
        assertEquals(10, made.size(), "a third of 30 in the first second: " + made);
        time.advance(Duration.ofMillis(999));
        assertEquals(10, made.size());
        time.advance(Duration.ofMillis(1));
        assertEquals(20, made.size());

        b.share(1); // the others left: the whole allowance again, at once
        assertEquals(25, made.size());
    }

    @Test
    void withinAClassTheChatThatWaitedLongestGoesFirst() {
        SendBudget b = budget(SendLimits.of(ONE_A_SECOND, Duration.ZERO));
        b.send(shared(ONE_A_SECOND, "0"), Urgency.ANSWER, "r", call("0", "fills the window"));
        b.send(shared(ONE_A_SECOND, "1"), Urgency.ANSWER, "r", call("1", "first"));
        time.advance(Duration.ofMillis(100));
        b.send(shared(ONE_A_SECOND, "2"), Urgency.ANSWER, "r", call("2", "second"));
        b.send(shared(ONE_A_SECOND, "1"), Urgency.ANSWER, "r", call("1", "third")); // chat 1 already has one waiting
        time.advance(Duration.ofMillis(100));
        b.send(shared(ONE_A_SECOND, "3"), Urgency.ANSWER, "r", call("3", "fourth"));
        time.advance(Duration.ofSeconds(4));
        assertEquals(List.of("0:fills the window", "1:first", "2:second", "1:third", "3:fourth"), made);
    }

    @Test
    void aChatGetsAtMostOneMessagePerSecondAndOthersDoNotWaitForIt() {
        SendBudget b = telegramLike();
        CompletableFuture<String> a = send(b, "1", Urgency.ANSWER, "a");
        CompletableFuture<String> second = send(b, "1", Urgency.ANSWER, "b");
        send(b, "2", Urgency.ANSWER, "c");
        assertEquals(List.of("1:a", "2:c"), made);
        assertEquals("a", a.join());
        time.advance(Duration.ofMillis(999));
        assertFalse(second.isDone());
        time.advance(Duration.ofMillis(1));
        assertEquals("b", second.join());
    }

    @Test
    void aChatsWindowCountsFromTheAnswerPlusTheMargin() {
        SendBudget b = budget(SendLimits.of(GLOBAL, Duration.ofMillis(50)));
        CompletableFuture<String> slow = new CompletableFuture<>();
        b.send(chat("1"), Urgency.ANSWER, "r", () -> {
            made.add("1:a");
            return slow;
        });
        send(b, "1", Urgency.ANSWER, "b");
        time.advance(Duration.ofMillis(300)); // the first call is still on its way
        slow.complete("a");
        time.advance(Duration.ofMillis(1049)); // 1.35 s after the start, 1.049 s after the answer
        assertEquals(List.of("1:a"), made);
        time.advance(Duration.ofMillis(1));
        assertEquals(List.of("1:a", "1:b"), made);
    }

    @Test
    void aGroupGetsAtMostTwentyMessagesAMinute() {
        SendBudget b = telegramLike();
        for (int i = 0; i < 25; i++) {
            b.send(group("-100"), Urgency.ANSWER, "r", call("-100", "m" + i));
        }
        time.advance(Duration.ofSeconds(59));
        assertEquals(20, made.size(), "one a second until the group's 20 a minute are used up");
        time.advance(Duration.ofSeconds(1));
        assertEquals(21, made.size(), "the first of the 20 has left the minute");
        time.advance(Duration.ofSeconds(4));
        assertEquals(25, made.size());
    }

    /**
     * 600 chats at once, each call arriving at the platform somewhere between its start and its
     * answer (latency up to 100 ms, random): no trailing second of arrivals ever holds more than 30.
     */
    @Test
    void aStrictTrailingSecondOfArrivalsNeverSeesMoreThanTheAllowanceWhateverTheJitter() {
        SendBudget b = budget(SendLimits.of(GLOBAL, Duration.ofMillis(10)));
        Random random = new Random(7);
        List<Long> arrivals = new ArrayList<>();
        int chats = 600;
        List<CompletableFuture<Object>> done = new ArrayList<>();
        for (int c = 0; c < chats; c++) {
            String id = Integer.toString(c);
            for (Urgency u : List.of(Urgency.ACKNOWLEDGEMENT, Urgency.ANSWER)) {
                done.add(b.send(chat(id), u, "r" + c, () -> {
                    long start = time.nanoTime();
                    long latency = 1_000_000L + (long) (random.nextDouble() * 100_000_000L);
                    long arrival = start + (long) (random.nextDouble() * latency);
                    CompletableFuture<Object> answer = new CompletableFuture<>();
                    time.schedule(Duration.ofNanos(arrival - start), () -> arrivals.add(time.nanoTime()));
                    time.schedule(Duration.ofNanos(latency), () -> answer.complete("ok"));
                    return answer;
                }));
            }
        }
        for (int s = 0; s < 100 && done.stream().anyMatch(f -> !f.isDone()); s++) {
            time.advance(Duration.ofSeconds(1));
        }
        assertTrue(done.stream().allMatch(CompletableFuture::isDone), "everything was sent");
        assertEquals(2 * chats, arrivals.size());
        arrivals.sort(Long::compare);
        int most = 0;
        for (int i = 0, from = 0; i < arrivals.size(); i++) {
            while (arrivals.get(from) <= arrivals.get(i) - 1_000_000_000L) {
                from++;
            }
            most = Math.max(most, i - from + 1);
        }
        assertEquals(30, most, "the busiest trailing second carried exactly the allowance");
        double seconds = (arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1e9;
        assertTrue(seconds < 2 * chats / 30.0 * 1.2, "close to the allowance's rate: " + seconds + " s");
    }

    @Test
    void pendingEditsOfOneMessageCollapseIntoTheNewestInItsMostUrgentClass() {
        SendBudget b = budget(SendLimits.of(ONE_A_SECOND, Duration.ZERO));
        b.send(shared(ONE_A_SECOND, "0"), Urgency.ANSWER, "r", call("0", "fills the window"));
        b.send(shared(ONE_A_SECOND, "9"), Urgency.ANSWER, "r", call("9", "an answer waiting before"));
        CompletableFuture<Void> first = b.edit(shared(ONE_A_SECOND, "1"), "5", Urgency.PROGRESS, edit("1", "progress 1"));
        CompletableFuture<Void> second = b.edit(shared(ONE_A_SECOND, "1"), "5", Urgency.PROGRESS, edit("1", "progress 2"));
        CompletableFuture<Void> other = b.edit(shared(ONE_A_SECOND, "1"), "6", Urgency.PROGRESS, edit("1", "other message"));
        CompletableFuture<Void> answer = b.edit(shared(ONE_A_SECOND, "1"), "5", Urgency.ANSWER, edit("1", "final reply"));
        assertEquals(3, b.pending(), "an answer, one edit of message 5 (now an answer), one of 6: " + made);
        time.advance(Duration.ofSeconds(5));
        assertEquals(List.of("0:fills the window", "9:an answer waiting before", "1:final reply", "1:other message"), made);
        assertTrue(first.isDone() && second.isDone() && answer.isDone() && other.isDone());
    }

    @Test
    void refusalsGoOutAtMostOncePerPersonPerMinute() {
        SendBudget b = telegramLike();
        CompletableFuture<String> first = send(b, "7", Urgency.REFUSAL, "go away");
        time.advance(Duration.ofSeconds(5));
        CompletableFuture<String> again = send(b, "7", Urgency.REFUSAL, "go away again");
        assertEquals("go away", first.join());
        assertInstanceOf(DroppedSend.class, failure(again));
        time.advance(Duration.ofSeconds(55));
        assertEquals("a minute later", send(b, "7", Urgency.REFUSAL, "a minute later").join());
        assertEquals(List.of("7:go away", "7:a minute later"), made);
    }

    @Test
    void aFloodOfRefusalsNeverDelaysAnyoneElsesReply() {
        SendBudget b = telegramLike();
        List<CompletableFuture<String>> refusals = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            refusals.add(send(b, "stranger" + i, Urgency.REFUSAL, "no"));
        }
        long sent = made.size();
        assertEquals(27, sent, "refusals only fill the elastic share of an idle budget");
        for (int i = 0; i < 3; i++) {
            send(b, "member" + i, Urgency.ANSWER, "reply");
        }
        assertEquals(30, made.size(), "the answers found room at once");
        time.advance(Duration.ofSeconds(10));
        assertEquals(30, made.size(), "refusals that could not go at once were dropped, not queued");
        assertEquals(1_000 - 27, refusals.stream().filter(f -> f.isCompletedExceptionally()).count());
    }

    @Test
    void refusalsAreDroppedWhileSomeoneWaits() {
        SendBudget b = budget(SendLimits.of(ONE_A_SECOND, Duration.ZERO));
        b.send(shared(ONE_A_SECOND, "0"), Urgency.ANSWER, "r", call("0", "a"));
        b.send(shared(ONE_A_SECOND, "1"), Urgency.ANSWER, "r", call("1", "waiting"));
        CompletableFuture<String> refusal = b.send(shared(ONE_A_SECOND, "2"), Urgency.REFUSAL, "r", call("2", "no"));
        assertInstanceOf(DroppedSend.class, failure(refusal));
        time.advance(Duration.ofSeconds(3));
        assertEquals(List.of("0:a", "1:waiting"), made);
    }

    /**
     * 50 new chats a second for a minute against a budget of 30 a second, each chat streaming
     * progress every second: queues stay bounded (edits collapse), and no progress edit goes out
     * while an acknowledgement waits.
     */
    @Test
    void underOverloadQueuesStayBoundedAndAcknowledgementsGoFirst() {
        SendBudget b = telegramLike();
        List<String> acked = new ArrayList<>();
        List<String> progressWhileAcksWaited = new ArrayList<>();
        int progressSent = 0;
        int[] progress = new int[1];
        int chats = 0;
        int mostPending = 0;
        for (int second = 0; second < 60; second++) {
            for (int i = 0; i < 50; i++, chats++) {
                String id = Integer.toString(chats);
                b.send(chat(id), Urgency.ACKNOWLEDGEMENT, "r" + id, () -> {
                    acked.add(id);
                    return CompletableFuture.completedFuture("ack");
                });
            }
            for (int c = 0; c < chats; c++) {
                String id = Integer.toString(c);
                b.edit(chat(id), "1", Urgency.PROGRESS, () -> {
                    progress[0]++;
                    int waiting = b.line().waitingAhead();
                    if (waiting > 0) {
                        progressWhileAcksWaited.add(id + " with " + waiting + " waiting");
                    }
                    return CompletableFuture.completedFuture(null);
                });
            }
            mostPending = Math.max(mostPending, b.pending());
            time.advance(Duration.ofSeconds(1));
        }
        progressSent = progress[0];
        assertTrue(mostPending <= 2 * chats, "at most an acknowledgement and one edit per chat wait: " + mostPending);
        assertEquals(List.of(), progressWhileAcksWaited);
        assertTrue(progressSent < 60 * 3, "progress only got the headroom acknowledgements left: " + progressSent);
        assertTrue(acked.size() >= 59 * 30, "acknowledgements went at the allowance's rate: " + acked.size());
        assertEquals(acked.stream().sorted(java.util.Comparator.comparingInt(Integer::parseInt)).toList(), acked,
                "in the order people wrote");
    }

    @Test
    void a429HoldsTheChatForRetryAfterAndThenSendsTheSameCallAgain() {
        SendBudget b = telegramLike();
        script.add(new TooManyRequests(Duration.ofSeconds(3), null));
        CompletableFuture<String> held = send(b, "1", Urgency.ANSWER, "a");
        send(b, "2", Urgency.ANSWER, "b");
        assertEquals(List.of("1:a", "2:b"), made, "other chats go on");
        time.advance(Duration.ofMillis(2999));
        assertEquals(2, made.size());
        time.advance(Duration.ofMillis(1));
        assertEquals(List.of("1:a", "2:b", "1:a"), made);
        assertEquals("a", held.join());
    }

    @Test
    void a429NamingAnAllowanceHoldsEveryoneCountingAgainstIt() {
        SendBudget b = telegramLike();
        script.add(new TooManyRequests(Duration.ofSeconds(2), "global"));
        send(b, "1", Urgency.ANSWER, "a");
        send(b, "2", Urgency.ANSWER, "b");
        Recipient exempt = new Recipient("3", List.of());
        b.send(exempt, Urgency.ANSWER, "r", call("3", "interaction"));
        assertEquals(List.of("1:a", "3:interaction"), made, "only calls the allowance counts wait");
        time.advance(Duration.ofMillis(1999));
        assertEquals(2, made.size());
        time.advance(Duration.ofMillis(1));
        assertEquals(List.of("1:a", "3:interaction", "1:a", "2:b"), made);
    }

    @Test
    void aNewerEditReplacesOneWaitingOutARateLimit() {
        SendBudget b = telegramLike();
        script.add(new TooManyRequests(Duration.ofSeconds(5), null));
        CompletableFuture<Void> first = b.edit(chat("1"), "5", Urgency.PROGRESS, edit("1", "50%"));
        CompletableFuture<Void> newer = b.edit(chat("1"), "5", Urgency.PROGRESS, edit("1", "80%"));
        time.advance(Duration.ofSeconds(5));
        assertEquals(List.of("1:50%", "1:80%"), made, "only the newest text is sent after the wait");
        assertTrue(first.isDone() && !first.isCompletedExceptionally());
        assertTrue(newer.isDone());
    }

    @Test
    void networkTroubleIsTriedThreeTimesThenTheCallerLearnsIt() {
        SendBudget b = telegramLike();
        for (int i = 0; i < 3; i++) {
            script.add(new IOException("connection reset"));
        }
        CompletableFuture<String> sent = send(b, "1", Urgency.ANSWER, "a");
        time.advance(Duration.ofSeconds(10));
        assertEquals(List.of("1:a", "1:a", "1:a"), made);
        assertInstanceOf(IOException.class, failure(sent));
    }

    @Test
    void callsThatWentOutWithoutTheBudgetCountInItsWindow() {
        SendBudget b = budget(SendLimits.of(TWO_A_SECOND, Duration.ZERO));
        Runnable answered = b.sentOutside("global");
        b.send(shared(TWO_A_SECOND, "1"), Urgency.ANSWER, "r", call("1", "a"));
        b.send(shared(TWO_A_SECOND, "2"), Urgency.ANSWER, "r", call("2", "b"));
        assertEquals(List.of("1:a"), made, "the outside call takes one of the two");
        time.advance(Duration.ofMillis(500));
        answered.run();
        time.advance(Duration.ofMillis(500));
        assertEquals(List.of("1:a", "2:b"), made, "1:a has left the second");
        b.send(shared(TWO_A_SECOND, "3"), Urgency.ANSWER, "r", call("3", "c"));
        time.advance(Duration.ofMillis(499));
        assertEquals(List.of("1:a", "2:b"), made, "the outside call counts until a second after its answer");
        time.advance(Duration.ofMillis(1));
        assertEquals(List.of("1:a", "2:b", "3:c"), made);
    }

    @Test
    void callsInFlightAreCapped() {
        SendBudget b = budget(SendLimits.of(GLOBAL, Duration.ZERO).withMaxInFlight(2));
        List<CompletableFuture<Object>> answers = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            String id = Integer.toString(c);
            b.send(chat(id), Urgency.ANSWER, "r", () -> {
                made.add(id);
                CompletableFuture<Object> answer = new CompletableFuture<>();
                answers.add(answer);
                return answer;
            });
        }
        assertEquals(List.of("0", "1"), made);
        answers.get(0).complete("ok");
        assertEquals(List.of("0", "1", "2"), made);
    }

    @Test
    void hintsGoOutOnlyWhenNothingWaits() {
        SendBudget b = budget(SendLimits.of(ONE_A_SECOND, Duration.ZERO));
        b.hint(shared(ONE_A_SECOND, "1"), edit("1", "typing"));
        assertEquals(List.of("1:typing"), made, "idle: the hint goes and counts");
        b.send(shared(ONE_A_SECOND, "2"), Urgency.ANSWER, "r", call("2", "answer"));
        b.hint(shared(ONE_A_SECOND, "3"), edit("3", "typing"));
        time.advance(Duration.ofSeconds(2));
        assertEquals(List.of("1:typing", "2:answer"), made, "the answer waited for the hint's room; the next hint was dropped");
    }

    @Test
    void progressCadenceStretchesToItsFairShareAndComesBackWhenTheBudgetFrees() {
        SendBudget b = telegramLike();
        assertEquals(SendLine.FREE, b.line());
        for (int c = 0; c < 90; c++) {
            send(b, Integer.toString(c), Urgency.ACKNOWLEDGEMENT, "ack");
        }
        SendLine busy = b.line();
        assertEquals(60, busy.waitingAhead());
        assertEquals(2037, busy.progressEvery().toMillis(), "two seconds of acknowledgements, then a turn");
        for (int c = 0; c < 90; c++) {
            b.edit(chat(Integer.toString(c)), "1", Urgency.PROGRESS, edit(Integer.toString(c), "progress"));
        }
        time.advance(Duration.ofSeconds(3));
        assertEquals(0, b.line().waitingAhead());
        assertEquals(3370, b.line().progressEvery().toMillis(), "91 chats share 27 edits a second");
        time.advance(Duration.ofSeconds(31));
        assertEquals(SendLine.FREE, b.line(), "nobody showed progress for 30 s");
    }

    @Test
    void quietChatsAreForgotten() {
        SendBudget b = telegramLike();
        for (int c = 0; c < 10; c++) {
            send(b, Integer.toString(c), Urgency.ANSWER, "hi");
        }
        time.advance(Duration.ofSeconds(2));
        send(b, "11", Urgency.ANSWER, "hi");
        assertEquals(0, b.recipients() - 0, "nothing waits and no chat is held: nothing is kept");
        assertEquals(11, made.size());
    }

    @Test
    void closingDropsWhatWasNotSent() {
        SendBudget b = telegramLike();
        send(b, "1", Urgency.ANSWER, "a");
        CompletableFuture<String> waiting = send(b, "1", Urgency.ANSWER, "b");
        b.close();
        assertInstanceOf(DroppedSend.class, failure(waiting));
        assertInstanceOf(DroppedSend.class, failure(send(b, "1", Urgency.ANSWER, "c")));
        time.advance(Duration.ofSeconds(2));
        assertEquals(List.of("1:a"), made);
    }

    private static Throwable failure(CompletableFuture<?> f) {
        assertTrue(f.isCompletedExceptionally(), "failed");
        try {
            f.join();
            throw new AssertionError("not failed");
        } catch (CompletionException e) {
            return e.getCause();
        } catch (java.util.concurrent.CancellationException e) {
            return e;
        }
    }
}
