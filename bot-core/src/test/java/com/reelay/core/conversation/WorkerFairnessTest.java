package com.reelay.core.conversation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.chat.Inbound;
import com.reelay.core.guard.GuardSettings;
import com.reelay.core.nemo.NemoSettings;
import com.reelay.core.nemo.OkHttpNemoClient;
import com.reelay.core.store.CachingStore;
import com.reelay.core.store.ReelayStore;
import com.reelay.core.store.SqliteStore;
import com.reelay.core.testing.RecordingChatOutput;
import com.reelay.simulator.Endpoint;
import com.reelay.simulator.NemoSimulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's workers are shared fairly: one chat cannot hold them, and a 429 never sleeps on one. */
class WorkerFairnessTest {

    private static final String TOKEN = "nmv_usr_" + "fairness";

    @TempDir
    Path dir;

    private NemoSimulator sim;
    private ReelayStore store;
    private OkHttpNemoClient client;
    private ConversationEngine engine;
    private final RecordingChatOutput out = RecordingChatOutput.telegramLike();
    private final ChatUser ann = new ChatUser("u1", "Ann", "en");
    private final ChatUser bob = new ChatUser("u2", "Bob", "en");

    private void start(NemoSettings settings, OkHttpNemoClient.RateLimits rateLimits) {
        store = new CachingStore(SqliteStore.open(dir), 100);
        client = new OkHttpNemoClient(settings, null, rateLimits);
        engine = new ConversationEngine(client, store, new EngineSettings(100, 4, Duration.ofMillis(5), 10, 4000),
                GuardSettings.defaults(), Optional.of(TOKEN), Clock.systemUTC());
        engine.register("test", out);
    }

    @AfterEach
    void stop() {
        engine.close(Duration.ofMillis(100));
        client.close();
        store.close();
        sim.close();
    }

    private static boolean within(Duration limit, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(2); // polls the simulator's request log, which has no change signal
        }
        return true;
    }

    @Test
    void fortyCreditsFromOneChatWhileNemoVideoStallsDoNotHoldBackAnotherChatsPrompt() throws Exception {
        sim = NemoSimulator.builder().noTextProbability(0).textReplyDuration(Duration.ofMillis(20)).start();
        sim.registerUser(TOKEN, 10_000);
        sim.faults().next(40, Endpoint.CREDITS).delay(Duration.ofSeconds(5));
        start(NemoSettings.defaults(sim.baseUrl()).withFastTimings(Duration.ofSeconds(5), Duration.ofSeconds(30)),
                OkHttpNemoClient.RateLimits.CALLER_SCHEDULES);
        ChatRef flooder = new ChatRef("test", "1");
        for (int i = 0; i < 40; i++) {
            engine.accept(new Inbound(flooder, ann, "c" + i, new Inbound.Command("credits", "")));
        }
        engine.accept(new Inbound(new ChatRef("test", "2"), bob, "p1", new Inbound.Text("add calm music")));
        assertTrue(within(Duration.ofSeconds(1), () -> sim.requestCount(Endpoint.CREATE_SESSION) >= 1),
                "another chat's prompt reaches createSession within a second");
        out.awaitMessage(flooder, t -> t.startsWith("One moment"), Duration.ofSeconds(5));
    }

    @Test
    void aRateLimitIsWaitedOutOffTheWorkers() throws Exception {
        sim = NemoSimulator.builder().noTextProbability(0).textReplyDuration(Duration.ofMillis(20)).start();
        sim.registerUser(TOKEN, 10_000);
        NemoSettings fast = NemoSettings.defaults(sim.baseUrl()).withFastTimings(Duration.ofSeconds(5), Duration.ofSeconds(30));
        NemoSettings patient = new NemoSettings(fast.baseUrl(), fast.skillSource(), fast.skillVersion(), fast.skillPlatform(),
                Duration.ofSeconds(3), Duration.ofSeconds(3), fast.retryAttempts(), fast.retryBaseDelay(),
                fast.streamTimeout(), fast.streamIdleTimeout(), fast.renderFirstPoll(), fast.renderMaxPollInterval(),
                fast.maxConcurrentRequests(), fast.connectTimeout(), fast.callTimeout());
        // Every worker's first call is answered 429, "retry after 3 s".
        sim.faults().next(4, Endpoint.CREATE_SESSION).rateLimit(Duration.ofSeconds(3));
        start(patient, OkHttpNemoClient.RateLimits.CALLER_SCHEDULES);
        for (int i = 1; i <= 4; i++) {
            engine.accept(new Inbound(new ChatRef("test", "c" + i), ann, "p" + i, new Inbound.Text("add calm music")));
        }
        assertTrue(within(Duration.ofSeconds(2), () -> sim.requestCount(Endpoint.CREATE_SESSION) >= 4),
                "the four prompts were refused 429");
        ChatRef other = new ChatRef("test", "other");
        engine.accept(new Inbound(other, bob, "s1", new Inbound.Command("status", "")));
        out.awaitMessage(other, t -> t.startsWith("No project yet"), Duration.ofSeconds(1)); // a worker was free
        out.awaitMessage(new ChatRef("test", "c4"), t -> t.contains("music"), Duration.ofSeconds(10)); // retried later
    }
}
