package com.reelay.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.chat.Inbound;
import com.reelay.core.chat.MessageGone;
import com.reelay.core.chat.Undeliverable;
import com.reelay.core.nemo.NemoSettings;
import com.reelay.core.nemo.OkHttpNemoClient;
import com.reelay.core.store.CachingStore;
import com.reelay.core.store.FaultyStore;
import com.reelay.core.store.RenderJob;
import com.reelay.core.store.SqliteStore;
import com.reelay.core.testing.RecordingChatOutput;
import com.reelay.simulator.Endpoint;
import com.reelay.simulator.NemoSimulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A render's outcome reaches the chat exactly once, and a job ends even when the chat is gone. */
class ExportDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private NemoSimulator sim;
    private FaultyStore store;
    private OkHttpNemoClient client;
    private ConversationEngine engine;
    private final RecordingChatOutput recorded = RecordingChatOutput.telegramLike();
    private final FaultyPlatform out = new FaultyPlatform(recorded);
    private final ChatRef chat = new ChatRef("test", "1");
    private final ChatUser ann = new ChatUser("u1", "Ann", "en");
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() {
        sim = NemoSimulator.builder().noTextProbability(0).anonymousCredits(10_000).textReplyDuration(Duration.ofMillis(20))
                .generationDuration(Duration.ofMillis(60)).heartbeatInterval(Duration.ofMillis(10))
                .renderDurations(Duration.ofMillis(20), Duration.ofMillis(60)).start();
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

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5); // polling the store and the simulator, which have no change signal
        }
    }

    private void makeADraft() throws InterruptedException {
        say("make a video of a city timelapse");
        recorded.awaitMessage(chat, t -> t.contains("Export"), WAIT);
    }

    @Test
    void theRenderJobIsSavedBeforeAnythingWaitsForTheProgressMessage() throws Exception {
        makeADraft();
        CompletableFuture<Void> platformSlow = new CompletableFuture<>();
        out.holdSends = platformSlow; // the "preparing your export" message is not posted yet
        say("export");
        await(() -> sim.requestCount(Endpoint.RENDER_START) == 1, "the render to be submitted");
        await(() -> store.unfinishedRenderJobs().size() == 1,
                "the job to be saved while the progress message is still on its way (a crash now would orphan it)");
        out.holdSends = null;
        platformSlow.complete(null);
        recorded.awaitMessage(chat, t -> t.startsWith("🎉 Your video is ready"), WAIT);
        await(() -> store.unfinishedRenderJobs().isEmpty(), "the job to be marked delivered");
    }

    @Test
    void aChatThatTakesNothingMoreEndsItsRenderJobForGood() throws Exception {
        makeADraft();
        out.failAll = new Undeliverable("Telegram 403: Forbidden: bot was blocked by the user");
        say("export");
        await(() -> store.lastRenderJob != null, "the render job to be saved");
        await(() -> store.unfinishedRenderJobs().isEmpty(), "the job to end (a restart would poll and download again)");
        String renderId = store.lastRenderJob.renderId();
        assertEquals(RenderJob.State.UNDELIVERABLE, store.renderJob(renderId).orElseThrow().state());
    }

    @Test
    void theFinalReplyArrivesAsANewMessageWhenTheProgressMessageIsGone() throws Exception {
        out.failEdits = new MessageGone("Telegram 400: Bad Request: message to edit not found");
        say("make a video of a city timelapse");
        RecordingChatOutput.Message reply = recorded.awaitMessage(chat, t -> t.contains("Export"), WAIT);
        assertTrue(recorded.messages(chat).size() >= 2, "progress, then the reply as a new message");
        assertTrue(reply.versions.size() == 1, "posted, not edited");
    }
}
