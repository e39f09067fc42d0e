package com.reelay.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.chat.Inbound;
import com.reelay.core.nemo.NemoSettings;
import com.reelay.core.nemo.OkHttpNemoClient;
import com.reelay.core.store.CachingStore;
import com.reelay.core.store.FaultyStore;
import com.reelay.core.store.SqliteStore;
import com.reelay.core.testing.RecordingChatOutput;
import com.reelay.simulator.NemoSimulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chat's line against a store that fails or is slow at the worst moment. */
class LaneStoreFaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private NemoSimulator sim;
    private FaultyStore store;
    private OkHttpNemoClient client;
    private ConversationEngine engine;
    private final RecordingChatOutput out = RecordingChatOutput.telegramLike();
    private final ChatRef chat = new ChatRef("test", "1");
    private final ChatUser ann = new ChatUser("u1", "Ann", "en");
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() {
        sim = NemoSimulator.builder().noTextProbability(0).anonymousCredits(10_000)
                .textReplyDuration(Duration.ofMillis(300)).heartbeatInterval(Duration.ofMillis(50)).start();
        store = new FaultyStore(new CachingStore(SqliteStore.open(dir), 100));
        client = new OkHttpNemoClient(NemoSettings.defaults(sim.baseUrl())
                .withFastTimings(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        engine = new ConversationEngine(client, store,
                EngineSettings.defaults().withEditInterval(Duration.ofMillis(5)), Optional.empty(), Clock.systemUTC());
        engine.register("test", out);
    }

    @AfterEach
    void stop() {
        engine.close(Duration.ofMillis(100));
        client.close();
        store.close();
        sim.close();
    }

    private void say(String text) {
        engine.accept(new Inbound(chat, ann, "r" + requests.incrementAndGet(), new Inbound.Text(text)));
    }

    private long answers() {
        // Progress starts with ⏳; so does the "in line" acknowledgement, which is an answer.
        return out.messages(chat).stream().filter(m -> !m.text().startsWith("⏳") || m.text().contains("in line")).count();
    }

    private void awaitAnswers(long n) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (answers() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " answers; have " + out.messages(chat));
            }
            synchronized (out) {
                out.wait(20);
            }
        }
    }

    /** Waits up to {@code max} for {@code n} messages; returns whether they came (a pause point, not an assertion). */
    private boolean messagesWithin(int n, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (out.messages(chat).size() < n) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            synchronized (out) {
                out.wait(20);
            }
        }
        return true;
    }

    @Test
    void aStoreThatFailsWhenARequestStartsDoesNotWedgeTheChat() throws Exception {
        say("add calm music");
        out.awaitCount(chat, 1, WAIT); // the first request runs
        store.failDequeue.set(true);
        say("make it brighter"); // waits behind it, stored
        awaitAnswers(3); // "#1 in line", the first reply, then the second request cannot start
        assertTrue(out.texts(chat).stream().anyMatch(t -> t.contains("storage is failing")), out.texts(chat).toString());

        store.failDequeue.set(false);
        long before = answers();
        say("add a title");
        awaitAnswers(before + 1);
        assertTrue(out.texts(chat).stream().noneMatch(t -> t.contains("in line") && t.contains("#2")),
                "the chat is not wedged behind a request that never ends: " + out.texts(chat));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (engine.runningRequests() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(0, engine.runningRequests(), "no request slot leaked");
    }

    @Test
    void aRequestThatRanIsNotLeftInTheStoreWhenTheRunningOneFinishesWhileItIsBeingStored() throws Exception {
        say("add calm music");
        out.awaitCount(chat, 1, WAIT);
        // The second request's row is written only after the first request finished and (on a
        // racy engine) the second one already started.
        store.beforeEnqueue(() -> {
            try {
                messagesWithin(3, Duration.ofSeconds(2)); // first reply, then the second request's progress
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        say("make it brighter");
        awaitAnswers(3); // the first reply, "#1 in line", the second reply
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (engine.runningRequests() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(0, store.queued().size(), "a request that already ran would be replayed after a restart");
    }

    @Test
    void aCancelledRequestIsNotLeftInTheStoreWhenCancelRacesItsStoring() throws Exception {
        say("add calm music");
        out.awaitCount(chat, 1, WAIT);
        store.beforeEnqueue(() -> {
            engine.accept(new Inbound(chat, ann, "cancel", new Inbound.Command("cancel", "")));
            try {
                // On a racy engine the cancel answers while the row is not yet written.
                messagesWithin(2, Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        say("make it brighter");
        out.awaitMessage(chat, t -> t.startsWith("Dropped 1"), WAIT);
        assertEquals(0, store.queued().size(), "cancelled work would come back after a restart");
    }
}
