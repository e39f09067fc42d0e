package com.reelay.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.Attachment;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.Reply;
import com.reelay.core.chat.MessageRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.chat.Inbound;
import com.reelay.core.nemo.NemoSettings;
import com.reelay.core.nemo.OkHttpNemoClient;
import com.reelay.core.store.CachingStore;
import com.reelay.core.store.QueuedRequest;
import com.reelay.core.store.RunningRequest;
import com.reelay.core.store.ReelayStore;
import com.reelay.core.store.RenderJob;
import com.reelay.core.store.SqliteStore;
import com.reelay.core.testing.RecordingChatOutput;
import com.reelay.simulator.Endpoint;
import com.reelay.simulator.NemoSimulator;
import com.reelay.simulator.SessionSnapshot;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine end to end against the NemoVideo simulator, through a recording platform: what the
 * person would see for every intent, every error code, queueing, and a restart mid-export.
 */
class ConversationEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private NemoSimulator sim;
    private ReelayStore store;
    private OkHttpNemoClient client;
    private ConversationEngine engine;
    private final RecordingChatOutput out = RecordingChatOutput.telegramLike();
    private final ChatRef chat = new ChatRef("test", "1");
    private final ChatUser ann = new ChatUser("u1", "Ann", "en");
    private final AtomicInteger requests = new AtomicInteger();
    private static final Phrases EN = Phrases.english();

    @BeforeEach
    void start() {
        startSimulator(NemoSimulator.builder().noTextProbability(0));
        store = new CachingStore(SqliteStore.open(dir), 100);
        client = new OkHttpNemoClient(NemoSettings.defaults(sim.baseUrl())
                .withFastTimings(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        engine = newEngine();
    }

    private void startSimulator(NemoSimulator.Builder builder) {
        sim = builder.anonymousCredits(10_000).textReplyDuration(Duration.ofMillis(20)).editDuration(Duration.ofMillis(30))
                .generationDuration(Duration.ofMillis(60)).heartbeatInterval(Duration.ofMillis(10))
                .renderDurations(Duration.ofMillis(20), Duration.ofMillis(60)).start();
    }

    private ConversationEngine newEngine() {
        ConversationEngine e = new ConversationEngine(client, store,
                EngineSettings.defaults().withEditInterval(Duration.ofMillis(5)), Optional.empty(), Clock.systemUTC());
        e.register("test", out);
        return e;
    }

    @AfterEach
    void stop() {
        engine.close(Duration.ofMillis(100));
        client.close();
        store.close();
        sim.close();
    }

    private boolean oneToOne = true;

    private void send(Inbound.Content content) {
        engine.accept(new Inbound(chat, ann, "r" + requests.incrementAndGet(), content, oneToOne));
    }

    private void say(String text) {
        send(new Inbound.Text(text));
    }

    /** Waits for the answer to the request just sent: a message that is no longer progress. */
    private RecordingChatOutput.Message answer(int nth) throws InterruptedException {
        return await(() -> {
            List<RecordingChatOutput.Message> done = out.messages(chat).stream()
                    .filter(m -> !isProgress(m.text())).collect(Collectors.toList());
            return done.size() >= nth ? done.get(nth - 1) : null;
        });
    }

    private static boolean isProgress(String text) {
        return text.startsWith("⏳") || text.startsWith("🎬 Generating") || text.startsWith("✂️") || text.startsWith("🎵")
                || text.startsWith("📤") || text.startsWith("🎬 Rendering") || text.startsWith("📥");
    }

    private <T> T await(java.util.function.Supplier<T> probe) throws InterruptedException {
        // Messages change on other threads; re-check on each change of the recording output.
        long deadline = System.nanoTime() + WAIT.toNanos();
        T found;
        while ((found = probe.get()) == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out; messages: " + out.messages(chat));
            }
            synchronized (out) {
                out.wait(20);
            }
        }
        return found;
    }

    private String sessionId() {
        return store.chat(chat.key()).orElseThrow().sessionId();
    }

    @Test
    void aPromptGetsOneProgressMessageThatBecomesTheReply() throws Exception {
        say("make a 10-second video of a city timelapse at night");
        RecordingChatOutput.Message reply = answer(1);
        assertEquals(1, out.messages(chat).size(), "the progress message itself became the reply");
        assertEquals(EN.connecting(), reply.versions.get(0).text(), "progress shows at once");
        assertFalse(reply.text().contains("{"), "no raw JSON: " + reply.text());
        assertFalse(reply.text().toLowerCase().contains("click"), "GUI wording translated: " + reply.text());
        assertEquals(List.of(Action.EXPORT, Action.STATUS), reply.current().actions().subList(0, 2));
        assertTrue(reply.versions.stream().anyMatch(v -> v.text().contains("Generating video")),
                "the stage came from the tool call: " + reply.versions);
        assertEquals("en", sim.session(sessionId()).orElseThrow().language());
    }

    @Test
    void chineseTextCreatesAChineseSession() throws Exception {
        say("做一个关于日落的视频");
        answer(1);
        assertEquals("zh-CN", sim.session(sessionId()).orElseThrow().language());
    }

    @Test
    void anEditWithoutTextIsDescribedFromTheTimeline() throws Exception {
        say("make a video of a city timelapse");
        answer(1);
        sim.faults().nextStream().noText();
        say("add lo-fi background music");
        String text = answer(2).text();
        assertTrue(text.startsWith("Done. Here's what changed:"), text);
        assertTrue(text.contains("Added BGM"), text);
    }

    @Test
    void statusAndCreditsAnswerAtOnce() throws Exception {
        say("status");
        assertEquals(EN.noProject(), answer(1).text());
        say("make a video of a city timelapse");
        answer(2);
        send(new Inbound.Command("status", ""));
        String status = answer(3).text();
        assertTrue(status.startsWith("Timeline (1 track):\n1. Video: "), status);
        send(new Inbound.Button(Action.CREDITS));
        String credits = answer(4).text();
        var user = sim.user(store.identity(chat.key()).orElseThrow().userId()).orElseThrow();
        assertEquals(EN.credits(new com.reelay.core.nemo.Credits(user.available(), user.frozen(), user.total())), credits);
    }

    @Test
    void exportPostsTheLinkOnce() throws Exception {
        say("export");
        assertEquals(EN.nothingToExport(), answer(1).text());
        say("make a video of a city timelapse");
        answer(2);
        send(new Inbound.Button(Action.EXPORT));
        RecordingChatOutput.Message video = await(() -> out.messages(chat).stream().filter(m -> m.video).findFirst().orElse(null));
        assertTrue(video.text().startsWith("🎉 Your video is ready: " + sim.baseUrl()), video.text());
        await(() -> store.unfinishedRenderJobs().isEmpty() ? true : null); // marked delivered after the post
        assertEquals(1, out.videos().size());
        assertTrue(out.messages(chat).stream().anyMatch(m -> m.versions.stream().anyMatch(v -> v.text().startsWith("🎬 Rendering"))));
    }

    /** Replaces the simulator (and everything that talks to it) with one built from {@code builder}. */
    private void restartWith(NemoSimulator.Builder builder) {
        engine.close(Duration.ZERO);
        client.close();
        sim.close();
        startSimulator(builder);
        client = new OkHttpNemoClient(NemoSettings.defaults(sim.baseUrl())
                .withFastTimings(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        engine = newEngine();
    }

    @Test
    void aRestartInTheMiddleOfAnExportDeliversTheLinkExactlyOnce() throws Exception {
        restartWith(NemoSimulator.builder().noTextProbability(0).renderDurations(Duration.ofMillis(300), Duration.ofMillis(1500)));
        say("make a video of a city timelapse");
        answer(1);
        send(new Inbound.Command("export", ""));
        RenderJob job = await(() -> store.unfinishedRenderJobs().stream().findFirst().orElse(null));
        engine.close(Duration.ZERO); // the process dies while the render runs
        assertEquals(List.of(), out.videos());

        engine = newEngine();
        engine.resume();
        await(() -> out.videos().isEmpty() ? null : out.videos());
        await(() -> store.renderJob(job.renderId()).filter(j -> j.state() == RenderJob.State.DELIVERED).orElse(null));

        ConversationEngine third = newEngine(); // another restart finds nothing left to post
        third.resume();
        third.close(Duration.ZERO);
        assertEquals(1, out.videos().size());
        String rendering = out.messages(chat).stream().filter(m -> m.versions.stream()
                .anyMatch(v -> v.text().startsWith("🎬 Rendering"))).findFirst().orElseThrow().text();
        assertEquals(EN.renderDone(), rendering, "the resumed job finished the same progress message");
    }

    @Test
    void requestsWaitTheirTurnAndCancelDropsThem() throws Exception {
        restartWith(NemoSimulator.builder().noTextProbability(0).generationDuration(Duration.ofMillis(800)));
        sim.faults().nextStream().heartbeatsOnly(); // the generation runs until it is stopped
        say("make a video of a city timelapse");
        out.awaitMessage(chat, EN.connecting()::equals, WAIT);
        say("make it black and white");
        say("add a title \"Night\"");
        out.awaitMessage(chat, t -> t.contains("#2 in line"), WAIT);
        assertTrue(out.texts(chat).stream().anyMatch(t -> t.contains("#1 in line")));
        assertEquals(2, store.queued().size(), "waiting requests are kept durably");
        await(() -> store.chat(chat.key()).map(c -> sim.chatMessagesReceived(c.sessionId()))
                .filter(m -> !m.isEmpty()).orElse(null)); // the first request's stream is open
        send(new Inbound.Command("cancel", ""));
        out.awaitMessage(chat, t -> t.equals("Dropped 2 waiting requests. ⏹ Stopping the request in progress."), WAIT);
        out.awaitMessage(chat, t -> t.startsWith("⏹ Stopped. I closed the connection, but NemoVideo may still finish this"), WAIT);
        assertEquals(2, out.messages(chat).stream().filter(m -> m.text().equals(EN.droppedFromLine())).count(),
                "each dropped request says so where it waited");
        assertEquals(0, engine.openStreams(), "the running stream was closed");
        assertEquals(List.of("make a video of a city timelapse"), sim.chatMessagesReceived(sessionId()));
        assertEquals(List.of(), store.queued());
    }

    @Test
    void aFloodInOneChatIsRefusedPastItsLine() throws Exception {
        engine.close(Duration.ZERO);
        sim.close();
        startSimulator(NemoSimulator.builder().noTextProbability(0).generationDuration(Duration.ofMillis(800)));
        client.close();
        client = new OkHttpNemoClient(NemoSettings.defaults(sim.baseUrl())
                .withFastTimings(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        engine = new ConversationEngine(client, store, new EngineSettings(100, 4, Duration.ofMillis(5), 10, 4000, 2),
                Optional.empty(), Clock.systemUTC());
        engine.register("test", out);
        say("make a video of a city timelapse");
        out.awaitMessage(chat, EN.connecting()::equals, WAIT);
        say("one");
        say("two");
        say("three");
        out.awaitMessage(chat, t -> t.startsWith("You already have 2 requests waiting."), WAIT);
        assertEquals(2, store.queued().size());
    }

    @Test
    void waitingRequestsSurviveARestart() throws Exception {
        restartWith(NemoSimulator.builder().noTextProbability(0).generationDuration(Duration.ofSeconds(2)));
        say("make a video of a city timelapse");
        out.awaitMessage(chat, EN.connecting()::equals, WAIT);
        say("what can you do?");
        RecordingChatOutput.Message ack = out.awaitMessage(chat, t -> t.contains("#1 in line"), WAIT);
        await(() -> store.chat(chat.key()).map(c -> sim.chatMessagesReceived(c.sessionId()))
                .filter(m -> !m.isEmpty()).orElse(null)); // the first request reached NemoVideo
        await(() -> store.queued().stream().anyMatch(w -> w.ackMessageId().equals(ack.ref.messageId())) ? true : null);
        engine.close(Duration.ZERO);
        engine = newEngine();
        engine.resume();
        await(() -> sim.chatMessagesReceived(sessionId()).size() == 2 ? true : null);
        answer(2);
        assertEquals(List.of(), store.queued());
        List<RecordingChatOutput.Message> messages = out.messages(chat);
        assertEquals(2, messages.size(), "the waiting request carried on in its acknowledgement: " + messages);
        assertFalse(isProgress(messages.get(1).text()) || messages.get(1).text().contains("in line"),
                "the acknowledgement ends as the answer: " + messages);
    }

    @Test
    void requestsThatWaitedCarryOnInTheirAcknowledgementsAfterATakeover() throws Exception {
        // What a dead owner left: two requests waiting, each told its place, and files that cannot wait.
        MessageRef first = waitingBefore("r5", "chat", "what can you do?", EN.queued(1, 1, Optional.empty()));
        MessageRef second = waitingBefore("r6", "chat", "make a video of a lighthouse", EN.queued(2, 2, Optional.empty()));
        MessageRef files = waitingBefore("r7", "files", "\"a.jpg\"", EN.queued(3, 3, Optional.empty()));
        engine.adopt(List.of(chat.key()));
        answer(2);
        await(() -> store.queued().isEmpty() ? true : null);
        List<RecordingChatOutput.Message> messages = out.messages(chat);
        assertEquals(List.of(first, second, files), messages.stream().map(m -> m.ref).toList(),
                "no new message: " + messages);
        assertTrue(messages.get(1).versions.stream().anyMatch(v -> v.text().contains("#1 in line")),
                "the second waited behind the first, told so in its own acknowledgement: " + messages);
        assertEquals(EN.restartedBeforeUpload("\"a.jpg\""), messages.get(2).text());
        assertEquals(List.of("what can you do?", "make a video of a lighthouse"), sim.chatMessagesReceived(sessionId()));
    }

    /** A request stored as waiting, with the acknowledgement the person was shown. */
    private MessageRef waitingBefore(String requestId, String kind, String payload, String ackText) {
        MessageRef ack = out.send(chat, requestId, Reply.text(ackText)).join();
        long id = store.enqueue(new QueuedRequest(0, chat.key(), ann.id(), ann.displayName(), "en", requestId, kind,
                payload, Instant.now()));
        store.noteQueuedMessage(id, ack.messageId());
        return ack;
    }

    @Test
    void theRunningRequestIsNotedUntilItsAnswerIsOut() throws Exception {
        restartWith(NemoSimulator.builder().noTextProbability(0).generationDuration(Duration.ofSeconds(1)));
        say("make a video of a city timelapse");
        QueuedRequest running = await(() -> store.running().stream().findFirst().map(RunningRequest::request).orElse(null));
        assertEquals(List.of(chat.key(), "r1", "chat", "make a video of a city timelapse"),
                List.of(running.chatKey(), running.requestId(), running.kind(), running.payload()));
        answer(1);
        await(() -> store.running().isEmpty() ? true : null);
    }

    @Test
    void aRequestCutOffByACrashIsExplainedWithRetryAndNotSentAgain() throws Exception {
        say("make a video of a city timelapse");
        answer(1);
        int sentToNemo = sim.chatMessagesReceived(sessionId()).size();
        // What a process killed mid-stream leaves behind: the chat's running request in the store.
        store.markRunning(new QueuedRequest(0, chat.key(), ann.id(), ann.displayName(), "en", "r7", "chat",
                "now add music", Instant.now()));
        engine.close(Duration.ZERO);
        engine = newEngine();
        engine.resume();
        RecordingChatOutput.Message notice = out.awaitMessage(chat,
                t -> t.startsWith("⚠️ I was cut off while working on “now add music”"), WAIT);
        assertEquals(1, notice.current().buttons().size(), "Retry: " + notice);
        assertEquals(List.of(), store.running());
        assertEquals(sentToNemo, sim.chatMessagesReceived(sessionId()).size(), "the prompt is not sent again");
    }

    @Test
    void theCutOffNoteStaysUntilItsNoticeIsOutSoTheNextOwnerCanSayIt() throws Exception {
        QueuedRequest cut = new QueuedRequest(0, chat.key(), ann.id(), ann.displayName(), "en", "r7", "export", "",
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)); // as the store keeps it
        store.markRunning(cut);
        FaultyPlatform slow = new FaultyPlatform(out);
        slow.holdSends = new CompletableFuture<>(); // the platform has not answered the notice yet
        engine.register("test", slow);
        engine.adopt(List.of(chat.key()));
        assertTrue(engine.adopted("r7"));
        assertEquals(List.of(cut), store.running().stream().map(RunningRequest::request).toList(), "not said yet: if this instance died now, the next owner must say it");
        slow.holdSends.complete(null);
        out.awaitMessage(chat, t -> t.startsWith("⚠️ I was cut off while starting your export"), WAIT);
        await(() -> store.running().isEmpty() ? true : null);
    }

    @Test
    void theRunningRequestNotesItsProgressMessageAndWhenItsAnswerGoesOut() throws Exception {
        restartWith(NemoSimulator.builder().noTextProbability(0).generationDuration(Duration.ofMillis(300)));
        FaultyPlatform platform = new FaultyPlatform(out);
        platform.holdAnswers = new CompletableFuture<>();
        engine.register("test", platform);
        say("make a video of a city timelapse");
        RecordingChatOutput.Message progress = out.awaitMessage(chat, EN.connecting()::equals, WAIT);
        RunningRequest noted = await(() -> store.running().stream()
                .filter(r -> !r.progressMessageId().isEmpty()).findFirst().orElse(null));
        assertEquals(progress.ref.messageId(), noted.progressMessageId());
        assertEquals("", noted.answer(), "nothing handed out yet");
        // The final reply is handed to the platform and held there: from now on it may be out.
        String handed = await(() -> store.running().stream().map(RunningRequest::answer)
                .filter(a -> !a.isEmpty()).findFirst().orElse(null));
        platform.holdAnswers.complete(null);
        RecordingChatOutput.Message answer = answer(1);
        assertEquals(new NotedAnswer(answer.text(), answer.current().buttons()), NotedAnswer.decode(handed).orElseThrow(),
                "the note is the answer as the person sees it");
        await(() -> store.running().isEmpty() ? true : null);
    }

    @Test
    void aCutOffNoticeReplacesItsProgressMessageSoAnOwnerDyingAfterSayingItLeavesOneNotice() throws Exception {
        MessageRef progress = out.send(chat, "r7", Reply.text(EN.connecting())).join();
        QueuedRequest cut = new QueuedRequest(0, chat.key(), ann.id(), ann.displayName(), "en", "r7", "chat",
                "now add music", Instant.now());
        store.markRunning(cut);
        store.noteRunningMessage(chat.key(), "r7", progress.messageId());
        engine.adopt(List.of(chat.key()));
        await(() -> store.running().isEmpty() ? true : null);
        // The owner that said it died before crossing it off: the next owner finds the same note.
        store.markRunning(cut);
        store.noteRunningMessage(chat.key(), "r7", progress.messageId());
        engine.close(Duration.ZERO);
        engine = newEngine();
        engine.adopt(List.of(chat.key()));
        await(() -> store.running().isEmpty() ? true : null);
        List<RecordingChatOutput.Message> messages = out.messages(chat);
        assertEquals(1, messages.size(), "the notice is the progress message, said twice alike: " + messages);
        assertTrue(messages.get(0).text().startsWith("⚠️ I was cut off while working on “now add music”"), messages.toString());
        assertEquals(1, messages.get(0).current().buttons().size(), "Retry: " + messages);
    }

    @Test
    void anAnswerHandedOutBeforeTheCrashIsRepeatedInItsMessageNotReplacedByACutOffNotice() throws Exception {
        // The answer went out, then the process died before crossing the request off.
        NotedAnswer handed = new NotedAnswer("Here is your lighthouse video plan.",
                List.of(EN.button(Action.EXPORT)));
        MessageRef answered = out.send(chat, "r7", new Reply(handed.text(), handed.buttons())).join();
        store.markRunning(new QueuedRequest(0, chat.key(), ann.id(), ann.displayName(), "en", "r7", "chat",
                "now add music", Instant.now()));
        store.noteRunningMessage(chat.key(), "r7", answered.messageId());
        store.noteAnswer(chat.key(), "r7", handed.encoded());
        engine.adopt(List.of(chat.key()));
        await(() -> store.running().isEmpty() ? true : null);
        List<RecordingChatOutput.Message> messages = out.messages(chat);
        assertEquals(1, messages.size(), "no notice beside the answer: " + messages);
        assertEquals(2, messages.get(0).versions.size(), "edited once more, to the same answer");
        assertEquals(new Reply(handed.text(), handed.buttons()), messages.get(0).current());
        assertTrue(sim.requests(Endpoint.RUN_SSE).isEmpty(), "nothing sent to NemoVideo again");
    }

    @Test
    void aRequestStillInTheLineWhenItsProcessDiedIsResumedNotCutOff() throws Exception {
        restartWith(NemoSimulator.builder().noTextProbability(0));
        // Leaving the line when the process died: noted running, its waiting row not yet removed.
        QueuedRequest leaving = new QueuedRequest(0, chat.key(), ann.id(), ann.displayName(), "en", "r5", "chat",
                "what can you do?", Instant.now());
        store.enqueue(leaving);
        store.markRunning(leaving);
        engine.adopt(List.of(chat.key()));
        answer(1);
        assertTrue(out.messages(chat).stream().noneMatch(m -> m.text().startsWith("⚠️")), out.messages(chat).toString());
        assertEquals(List.of("what can you do?"), sim.chatMessagesReceived(sessionId()));
    }

    @Test
    void adoptingAChatResumesThatChatOnly() throws Exception {
        restartWith(NemoSimulator.builder().noTextProbability(0));
        store.markRunning(new QueuedRequest(0, "test:2", "u2", "Bo", "en", "r8", "chat", "a beach", Instant.now()));
        store.markRunning(new QueuedRequest(0, chat.key(), ann.id(), ann.displayName(), "en", "r9", "chat", "a city",
                Instant.now()));
        engine.adopt(List.of(chat.key()));
        out.awaitMessage(chat, t -> t.startsWith("⚠️ I was cut off"), WAIT);
        assertEquals(List.of("test:2"), store.running().stream().map(RunningRequest::chatKey).toList(),
                "another owner's chat is left alone");
        assertEquals(List.of(), out.messages(new ChatRef("test", "2")));
    }

    /** A first video, then a prompt the anonymous identity cannot pay for; returns its bind id. */
    private String runOutOfCredits() throws InterruptedException {
        say("make a video of a city timelapse");
        answer(1);
        String bindId = store.identity(chat.key()).orElseThrow().userId();
        sim.setCredits(bindId, 20);
        say("make another video of a beach at sunset");
        return bindId;
    }

    @Test
    void outOfCreditsGivesAnonymousPeopleTheRegistrationLink() throws Exception {
        String bindId = runOutOfCredits();
        String text = answer(2).text();
        assertTrue(text.contains("https://nemovideo.com/register?bind=" + bindId), text);
        assertFalse(text.contains("nmv_"), "no token in chat");
    }

    @Test
    void aPlanThatCannotExportIsNotCalledACreditsProblem() throws Exception {
        say("make a video of a city timelapse");
        answer(1);
        sim.faults().next(Endpoint.RENDER_START).respondHttp(402, "{\"success\":false,\"error\":\"free plan\"}");
        say("export");
        String text = answer(2).text();
        assertTrue(text.contains("Register or upgrade your NemoVideo plan to export"), text);
        assertFalse(text.contains("credits are"), text);
    }

    @Test
    void filesAreCheckedBeforeAnythingMoves() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        Attachment.Opener never = () -> {
            opened.incrementAndGet();
            return InputStream.nullInputStream();
        };
        send(new Inbound.Files(List.of(new Attachment.Upload("setup.exe", 1000, "application/octet-stream", never),
                new Attachment.Upload("holiday.mp4", 300L * 1024 * 1024, "video/mp4", never)), "make a reel"));
        String text = answer(1).text();
        assertTrue(text.contains("\"setup.exe\": that file type isn't supported. I accept mp4, mov"), text);
        assertTrue(text.contains("\"holiday.mp4\" is over the 200 MB limit"), text);
        assertEquals(0, opened.get());
        assertEquals(0, sim.requestCount(Endpoint.UPLOAD));
    }

    @Test
    void anUploadWithACaptionGoesOnToTheAgent() throws Exception {
        byte[] png = new byte[2048];
        send(new Inbound.Files(List.of(new Attachment.Upload("beach.jpeg", png.length, "image/jpeg",
                () -> new ByteArrayInputStream(png))), "make a 10-second video from this photo"));
        RecordingChatOutput.Message reply = await(() -> out.messages(chat).stream()
                .filter(m -> m.current().actions().contains(Action.EXPORT)).findFirst().orElse(null));
        assertTrue(reply.text().startsWith("✅ Uploaded 1 file."), reply.text());
        assertTrue(reply.versions.get(0).text().startsWith("📤 Uploading your file"), reply.versions.toString());
        SessionSnapshot session = sim.session(sessionId()).orElseThrow();
        assertEquals(1, session.videoInfos().size());
        assertEquals("beach.jpg", session.videoInfos().get(0).path("filename").asText());
        assertEquals(List.of("make a 10-second video from this photo"), sim.chatMessagesReceived(sessionId()));
    }

    @Test
    void serviceSideFileErrorsAreExplained() throws Exception {
        Attachment.Upload clip = new Attachment.Upload("clip.mp4", 10, "video/mp4", () -> new ByteArrayInputStream(new byte[10]));
        sim.faults().next(Endpoint.UPLOAD).respondCode(4001);
        send(new Inbound.Files(List.of(clip), ""));
        assertTrue(answer(1).text().contains("Accepted formats: mp4, mov"), out.texts(chat).toString());
        sim.faults().next(Endpoint.UPLOAD).respondCode(4002);
        send(new Inbound.Files(List.of(clip), ""));
        assertTrue(answer(2).text().contains("over the 200 MB limit. Try trimming or compressing"), out.texts(chat).toString());
    }

    @Test
    void expiredTokensLostSessionsAndRateLimitsAreRecoveredQuietly() throws Exception {
        sim.faults().next(Endpoint.CREATE_SESSION).rateLimit(Duration.ofMillis(30));
        say("make a video of a city timelapse");
        assertTrue(answer(1).current().actions().contains(Action.EXPORT), out.texts(chat).toString());
        String bindId = store.identity(chat.key()).orElseThrow().userId();
        String firstSession = sessionId();

        sim.expireAllTokens();
        sim.setCredits(bindId, 1000);
        say("add lo-fi music");
        String afterExpiry = answer(2).text();
        assertFalse(afterExpiry.contains("went wrong") || afterExpiry.contains("can't"), afterExpiry);
        assertEquals(bindId, store.identity(chat.key()).orElseThrow().userId(), "same identity, new token");

        sim.loseSession(firstSession);
        say("add a title \"Night\"");
        String afterLoss = answer(3).text();
        assertTrue(afterLoss.startsWith(EN.sessionExpired()), afterLoss);
        assertFalse(firstSession.equals(sessionId()));
        assertEquals(List.of("add a title \"Night\""), sim.chatMessagesReceived(sessionId()));
    }

    @Test
    void guardRailsRefuseStrangersAndFloodsBeforeNemoVideoHearsAnything() throws Exception {
        engine.close(Duration.ZERO);
        engine = new ConversationEngine(client, store, EngineSettings.defaults().withEditInterval(Duration.ofMillis(5)),
                new com.reelay.core.guard.GuardSettings(List.of(), List.of("u1"), List.of(), 1, 0, 0),
                Optional.empty(), Clock.systemUTC());
        engine.register("test", out);
        engine.accept(new Inbound(chat, new ChatUser("u2", "Eve", "en"), "x1", new Inbound.Text("make a video")));
        assertEquals("Sorry, this bot is private. Ask its operator to let you in.", answer(1).text());
        say("make a video of a city timelapse");
        answer(2);
        say("make another one");
        assertTrue(answer(3).text().startsWith("You've sent 1 prompts in the last hour"), out.texts(chat).toString());
        assertEquals(1, sim.requestCount(Endpoint.RUN_SSE));
    }

    @Test
    void helpAndUnknownCommands() throws Exception {
        send(new Inbound.Command("start", ""));
        assertTrue(answer(1).text().startsWith("👋 Hi!"));
        send(new Inbound.Command("frobnicate", ""));
        assertTrue(answer(2).text().startsWith("I don't know the command /frobnicate."));
        assertEquals(0, sim.requestCount(Endpoint.RUN_SSE));
    }

    @Test
    void statusAfterALostSessionCreatesNoSessionOutsideTheChatsLane() throws Exception {
        say("add calm music");
        answer(1);
        String lost = sessionId();
        sim.loseSession(lost);
        long created = sim.requestCount(Endpoint.CREATE_SESSION);

        send(new Inbound.Command("status", ""));
        String status = answer(2).text();
        assertTrue(status.contains("expired"), status);
        assertEquals(created, sim.requestCount(Endpoint.CREATE_SESSION),
                "status must not create a session: only requests in the chat's lane do, so two never race");
        assertFalse(store.chat(chat.key()).orElseThrow().hasSession());

        say("add a title saying hello");
        answer(3);
        assertEquals(created + 1, sim.requestCount(Endpoint.CREATE_SESSION));
        assertFalse(sessionId().equals(lost));
    }

    @Test
    void askingForCreditsInANewChatSpendsNoAnonymousIdentity() throws Exception {
        send(new Inbound.Command("credits", ""));
        assertEquals(EN.noCreditsYet(), answer(1).text());
        assertEquals(0, sim.requestCount(Endpoint.ANONYMOUS_TOKEN),
                "NemoVideo grants about 10 anonymous identities per address a week: /credits must not mint one");
        assertTrue(store.identity(chat.key()).isEmpty());

        say("add calm music"); // the first thing that spends credits gets the identity
        answer(2);
        assertEquals(1, sim.requestCount(Endpoint.ANONYMOUS_TOKEN));
    }

    @Test
    void inAChatOthersReadTheRegistrationLinkIsNotPosted() throws Exception {
        oneToOne = false; // a group: anyone here could claim the identity with the link
        String bindId = runOutOfCredits();
        String text = answer(2).text();
        assertFalse(text.contains("register?bind"), text);
        assertFalse(text.contains(bindId), text);
        assertTrue(text.contains("message me directly"), text);
    }
}
