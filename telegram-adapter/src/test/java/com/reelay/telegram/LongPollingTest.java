package com.reelay.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.reelay.core.chat.support.SecretMask;
import io.github.resilience4j.core.IntervalFunction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;

class LongPollingTest {

    @Test
    void backsOffFromHalfASecondDoublingUpToThirtySeconds() {
        List<Long> waits = new ArrayList<>();
        for (int failure = 1; failure <= 9; failure++) {
            waits.add(LongPolling.BACKOFF.apply(failure));
        }
        assertEquals(List.of(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L), waits);
    }

    /**
     * getUpdates fails twice, answers update 7, fails once, answers update 8, then holds the poll
     * open until close cuts it: the back-off counts failures in a row and starts over after an answer.
     */
    @Test
    void retriesAfterFailuresBackingOffPerFailureInARowAndAsksForTheNextUpdate() throws Exception {
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        IntervalFunction recorded = attempt -> {
            attempts.add(attempt);
            return 1L;
        };
        List<Integer> offsets = new CopyOnWriteArrayList<>();
        CompletableFuture<ArrayList<Update>> held = new CompletableFuture<>();
        CountDownLatch idle = new CountDownLatch(1);
        List<CompletableFuture<ArrayList<Update>>> answers = new ArrayList<>(List.of(failed(), failed(),
                CompletableFuture.completedFuture(updates(7)), failed(), CompletableFuture.completedFuture(updates(8))));
        BotApi api = mock(BotApi.class);
        when(api.call(any(DeleteWebhook.class))).thenReturn(CompletableFuture.completedFuture(true));
        when(api.call(any(GetUpdates.class))).thenAnswer(invocation -> {
            offsets.add(invocation.<GetUpdates>getArgument(0).getOffset());
            if (answers.isEmpty()) {
                idle.countDown();
                return held;
            }
            return answers.remove(0);
        });
        BlockingQueue<Integer> handled = new LinkedBlockingQueue<>();

        LongPolling polling = new LongPolling(api, new SecretMask(),
                () -> held.completeExceptionally(new IOException("Canceled")), recorded, () -> { });
        polling.start(update -> handled.add(update.getUpdateId()));
        assertTrue(idle.await(10, TimeUnit.SECONDS), "polling got past the failures");
        polling.close();

        assertEquals(List.of(7, 8), List.copyOf(handled));
        assertEquals(List.of(1, 2, 1), attempts, "each answer starts the count again");
        assertEquals(List.of(0, 0, 0, 8, 8, 9), offsets, "each poll asks for the update after the last handled");
    }

    /**
     * In a fleet: a follower never calls getUpdates; once it leads it polls from the fleet's
     * saved offset, saves the next one after the batch is kept, and a batch not kept is asked
     * for again from the saved offset (the inbox drops the repeats).
     */
    @Test
    void inAFleetOnlyTheLeaderPollsFromTheSavedOffset() throws Exception {
        AtomicBoolean leading = new AtomicBoolean(false);
        List<Integer> saved = new CopyOnWriteArrayList<>();
        CountDownLatch followed = new CountDownLatch(3);
        PollFeed feed = new PollFeed() {
            @Override
            public boolean leads() {
                followed.countDown();
                return leading.get();
            }

            @Override
            public int position() {
                return saved.isEmpty() ? 40 : saved.get(saved.size() - 1);
            }

            @Override
            public void save(int next) {
                saved.add(next);
            }

            @Override
            public boolean stepDown() {
                throw new AssertionError("this leader never fails long enough to step down");
            }
        };
        List<Integer> offsets = new CopyOnWriteArrayList<>();
        CompletableFuture<ArrayList<Update>> held = new CompletableFuture<>();
        CountDownLatch idle = new CountDownLatch(1);
        BotApi api = mock(BotApi.class);
        when(api.call(any(DeleteWebhook.class))).thenReturn(CompletableFuture.completedFuture(true));
        when(api.call(any(GetUpdates.class))).thenAnswer(invocation -> {
            int offset = invocation.<GetUpdates>getArgument(0).getOffset();
            offsets.add(offset);
            // As Telegram: the updates from the offset on (two at a time here), confirmed by a later offset.
            int[] from = java.util.stream.IntStream.rangeClosed(41, 43).filter(id -> id >= offset).limit(2).toArray();
            if (from.length == 0) {
                idle.countDown();
                return held;
            }
            return CompletableFuture.completedFuture(updates(from));
        });
        List<Integer> kept = new CopyOnWriteArrayList<>();
        AtomicBoolean inboxDown = new AtomicBoolean(true);
        LongPolling polling = new LongPolling(api, new SecretMask(),
                () -> held.completeExceptionally(new IOException("Canceled")), attempt -> 1L, () -> { }, 1);
        polling.start(update -> {
            if (update.getUpdateId() == 42 && inboxDown.getAndSet(false)) {
                throw new IllegalStateException("inbox unreachable"); // the first try of 42 is not kept
            }
            kept.add(update.getUpdateId());
        }, feed);
        assertTrue(followed.await(10, TimeUnit.SECONDS));
        assertEquals(List.of(), offsets, "a follower does not poll");
        leading.set(true);
        assertTrue(idle.await(10, TimeUnit.SECONDS));
        polling.close();

        assertEquals(List.of(41, 41, 42, 43), kept, "41 again after 42 failed: the inbox keeps it once");
        assertEquals(List.of(40, 40, 43, 44), offsets);
        assertEquals(List.of(43, 44), saved);
    }

    /** A fleet's feed as one instance sees it: it leads while {@code leading}; stepping down hands the feed over if {@code others}. */
    private static final class Fleet implements PollFeed {
        final AtomicBoolean leading = new AtomicBoolean(true);
        final boolean others;
        final AtomicInteger polls;
        final List<Integer> stepDownsAfterPolls = new CopyOnWriteArrayList<>();
        final CountDownLatch followed = new CountDownLatch(3);

        Fleet(boolean others, AtomicInteger polls) {
            this.others = others;
            this.polls = polls;
        }

        @Override
        public boolean leads() {
            if (!leading.get()) {
                followed.countDown();
            }
            return leading.get();
        }

        @Override
        public int position() {
            return 0;
        }

        @Override
        public void save(int next) {
        }

        @Override
        public boolean stepDown() {
            stepDownsAfterPolls.add(polls.get());
            leading.set(!others); // another instance takes the feed, if there is one
            return others;
        }
    }

    /** Polls {@code fleet} against a Telegram that fails every getUpdates; {@code failing} counts down per poll. */
    private static LongPolling pollFailing(Fleet fleet, CountDownLatch failing) throws Exception {
        BotApi api = mock(BotApi.class);
        when(api.call(any(DeleteWebhook.class))).thenReturn(CompletableFuture.completedFuture(true));
        when(api.call(any(GetUpdates.class))).thenAnswer(invocation -> {
            fleet.polls.incrementAndGet();
            failing.countDown();
            return failed();
        });
        LongPolling polling = new LongPolling(api, new SecretMask(), () -> { }, attempt -> 1L, () -> { }, 1);
        polling.start(update -> { }, fleet);
        return polling;
    }

    /**
     * A leader that cannot reach Telegram (this host only, perhaps) hands the feed to the fleet
     * after {@value LongPolling#STEP_DOWN_AFTER_FAILURES} failed polls in a row, then follows: it
     * polls no more while another instance leads.
     */
    @Test
    void aLeaderThatKeepsFailingStepsDownAndFollows() throws Exception {
        Fleet fleet = new Fleet(true, new AtomicInteger());
        LongPolling polling = pollFailing(fleet, new CountDownLatch(0));
        assertTrue(fleet.followed.await(10, TimeUnit.SECONDS), "it follows once it stepped down");
        polling.close();

        assertEquals(List.of(LongPolling.STEP_DOWN_AFTER_FAILURES), fleet.stepDownsAfterPolls, "once, after that many failures");
        assertEquals(LongPolling.STEP_DOWN_AFTER_FAILURES, fleet.polls.get(), "no poll while another instance leads");
    }

    /** With nobody to hand the feed to (alone in the fleet), it keeps trying, backing off. */
    @Test
    void aLoneLeaderKeepsTryingWhenItCannotStepDown() throws Exception {
        Fleet fleet = new Fleet(false, new AtomicInteger());
        CountDownLatch tried = new CountDownLatch(LongPolling.STEP_DOWN_AFTER_FAILURES + 3);
        LongPolling polling = pollFailing(fleet, tried);
        assertTrue(tried.await(10, TimeUnit.SECONDS), "polling goes on past the step-down threshold");
        polling.close();
        assertTrue(fleet.stepDownsAfterPolls.size() >= 1, "it asked to step down");
        assertEquals(3, fleet.followed.getCount(), "and never stopped leading");
    }

    private static CompletableFuture<ArrayList<Update>> failed() {
        return CompletableFuture.failedFuture(new IOException("connection reset"));
    }

    private static ArrayList<Update> updates(int... ids) {
        ArrayList<Update> list = new ArrayList<>();
        for (int id : ids) {
            Update update = new Update();
            update.setUpdateId(id);
            list.add(update);
        }
        return list;
    }
}
