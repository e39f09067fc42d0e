package com.reelay.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.Activity;
import com.reelay.core.chat.Button;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.chat.Inbound;
import com.reelay.core.nemo.NemoSettings;
import com.reelay.core.nemo.OkHttpNemoClient;
import com.reelay.core.store.CachingStore;
import com.reelay.core.store.ReelayStore;
import com.reelay.core.store.SqliteStore;
import com.reelay.core.testing.RecordingChatOutput;
import com.reelay.simulator.Endpoint;
import com.reelay.simulator.NemoSimulator;
import com.reelay.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What issue 13 promised people, end to end through the engine and the NemoVideo simulator: their
 * language, their place in line, what it cost, their projects, Retry, stop and quick edits.
 */
class ConversationFeaturesTest {

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
    private final ChatUser li = new ChatUser("u2", "Li", "zh-CN");
    private final AtomicInteger requests = new AtomicInteger();
    private Clock clock = Clock.systemUTC();
    private EngineSettings settings = EngineSettings.defaults().withEditInterval(Duration.ofMillis(5));

    private void start(UnaryOperator<NemoSimulator.Builder> tune) {
        sim = tune.apply(NemoSimulator.builder().noTextProbability(0).anonymousCredits(10_000)
                .textReplyDuration(Duration.ofMillis(20)).editDuration(Duration.ofMillis(30))
                .generationDuration(Duration.ofMillis(60)).heartbeatInterval(Duration.ofMillis(10))
                .renderDurations(Duration.ofMillis(20), Duration.ofMillis(60))).start();
        store = new CachingStore(SqliteStore.open(dir), 100);
        client = new OkHttpNemoClient(NemoSettings.defaults(sim.baseUrl())
                .withFastTimings(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        engine = newEngine();
    }

    private ConversationEngine newEngine() {
        ConversationEngine e = new ConversationEngine(client, store, settings, Optional.empty(), clock);
        e.register("test", out);
        return e;
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close(Duration.ofMillis(100));
            client.close();
            store.close();
            sim.close();
        }
    }

    private String send(ChatUser who, Inbound.Content content) {
        String id = "r" + requests.incrementAndGet();
        engine.accept(new Inbound(chat, who, id, content));
        return id;
    }

    private void say(ChatUser who, String text) {
        send(who, new Inbound.Text(text));
    }

    private void press(ChatUser who, Action action) {
        send(who, new Inbound.Button(action));
    }

    private RecordingChatOutput.Message awaitText(Predicate<String> test) throws InterruptedException {
        return out.awaitMessage(chat, test, WAIT);
    }

    private void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (engine.runningRequests() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a request is still running");
            }
            synchronized (out) {
                out.wait(5);
            }
        }
    }

    /** Waits until some version of {@code message} (it may have moved on since) matches. */
    private void awaitVersion(RecordingChatOutput.Message message, Predicate<String> test, Runnable tick)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            tick.run();
            synchronized (out) {
                if (message.versions.stream().anyMatch(v -> test.test(v.text()))) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no such version: " + message.versions);
                }
                out.wait(20);
            }
        }
    }

    private String sessionId() {
        return store.chat(chat.key()).orElseThrow().sessionId();
    }

    private static List<String> labels(RecordingChatOutput.Message m) {
        return m.current().buttons().stream().map(Button::label).toList();
    }

    @Test
    void aChinesePersonGetsChineseProgressRepliesButtonsAndSession() throws Exception {
        start(b -> b);
        say(li, "make a video of a city timelapse");
        RecordingChatOutput.Message reply = awaitText(t -> t.contains("💳"));
        assertEquals("⏳ 正在连接…", reply.versions.get(0).text());
        assertTrue(reply.versions.stream().anyMatch(v -> v.text().startsWith("🎬 正在生成视频…")), reply.versions.toString());
        assertTrue(reply.text().endsWith("💳 使用 100 积分 · 剩余 9,900"), reply.text());
        assertEquals(List.of("导出", "状态", "↕️ 竖屏 9:16", "✂️ 缩短", "🎵 换音乐", "💬 加字幕"), labels(reply));
        assertEquals("zh-CN", sim.session(sessionId()).orElseThrow().language(), "the session follows the person");

        send(li, new Inbound.Command("status", ""));
        assertTrue(awaitText(t -> t.startsWith("时间线（")).text().startsWith("时间线（1 条轨道）：\n1. 视频："));
    }

    @Test
    void languageChosenForAChatOverridesEachPersonsAndCarriesIntoNewProjects() throws Exception {
        start(b -> b);
        send(ann, new Inbound.Command("language", ""));
        RecordingChatOutput.Message choices = awaitText(t -> t.startsWith("Here I speak English."));
        assertTrue(labels(choices).containsAll(List.of("English", "中文（简体）", "Auto")), labels(choices).toString());

        press(ann, new Action.ChooseLanguage("zh"));
        awaitText("好的，我在这里将使用中文。"::equals);
        say(ann, "status");
        awaitText(Phrases.of("zh").noProject()::equals);
        send(ann, new Inbound.Command("new", ""));
        awaitText(Phrases.of("zh").newProject()::equals);
        assertEquals("zh-CN", sim.session(sessionId()).orElseThrow().language(), "the new project speaks the chat's language");

        send(li, new Inbound.Command("language", "auto"));
        awaitText("好的，我在这里将跟随每个人的应用语言。"::equals);
        say(ann, "credits");
        awaitText(t -> t.startsWith("💳 Credits:"));

        send(ann, new Inbound.Command("language", "tlh"));
        awaitText(t -> t.startsWith("I don't speak \"tlh\" yet. I can speak: en (English), zh (中文（简体）)"));
    }

    @Test
    void aFailedGenerationSaysItsCreditsCameBackAndRetrySendsItAgain() throws Exception {
        start(b -> b);
        sim.faults().nextStream().errorAfter(3, "model overloaded");
        say(ann, "make a video of a lighthouse in a storm");
        RecordingChatOutput.Message failed = awaitText(t -> t.startsWith("NemoVideo couldn't finish that."));
        RecordingChatOutput.Message settled = awaitText(t -> t.contains("💳 Nothing was spent: any credits it held came back (10,000 left)."));
        assertEquals(failed.ref, settled.ref, "one message: the failure, then the credits");
        assertEquals(List.of("🔁 Retry"), labels(settled));

        press(ann, settled.current().actions().get(0));
        awaitText(t -> t.contains("lighthouse in a storm") && t.contains("💳 100 credits used"));
        assertEquals(List.of("make a video of a lighthouse in a storm", "make a video of a lighthouse in a storm"),
                sim.chatMessagesReceived(sessionId()), "Retry sent the same request");

        press(ann, new Action.Retry("r404"));
        awaitText(Phrases.english().retryGone()::equals);
    }

    @Test
    void onASharedAccountTheReceiptSaysWhatIsLeftNotWhatOthersSpent() throws Exception {
        start(b -> b);
        sim.registerUser("nmv_usr_" + "sharedAccount42", 5_000);
        engine.close(Duration.ZERO);
        engine = new ConversationEngine(client, store, settings, Optional.of("nmv_usr_" + "sharedAccount42"), clock);
        engine.register("test", out);
        say(ann, "make a video of a lighthouse in a storm");
        RecordingChatOutput.Message answer = awaitText(t -> t.contains("lighthouse") && t.contains("💳"));
        assertTrue(answer.text().endsWith("💳 4,900 credits left"), answer.text());
        assertFalse(answer.text().contains("used"), "every chat spends this account: the difference is not this request's");
    }

    @Test
    void aRetryButtonOutlivesARestartButOnlyInItsOwnChat() throws Exception {
        start(b -> b);
        sim.faults().nextStream().errorAfter(3, "model overloaded");
        say(ann, "make a video of a lighthouse in a storm");
        RecordingChatOutput.Message settled = awaitText(t -> t.contains("💳 Nothing was spent"));
        Action retry = settled.current().actions().get(0);
        engine.close(Duration.ZERO); // a restart, or another instance of a fleet taking the chat over
        engine = newEngine();

        ChatRef elsewhere = new ChatRef("test", "2");
        engine.accept(new Inbound(elsewhere, ann, "r900", new Inbound.Button(retry)));
        out.awaitMessage(elsewhere, Phrases.english().retryGone()::equals, WAIT);

        press(ann, retry);
        awaitText(t -> t.contains("lighthouse in a storm") && t.contains("💳 100 credits used"));
        assertEquals(List.of("make a video of a lighthouse in a storm", "make a video of a lighthouse in a storm"),
                sim.chatMessagesReceived(sessionId()), "Retry sent the same request after the restart");
    }

    @Test
    void exportsEndWithAReceiptAndALowBalanceAsksFirst() throws Exception {
        start(b -> b.renderCost(300));
        say(ann, "make a video of a city timelapse");
        awaitText(t -> t.contains("💳 100 credits used · 9,900 left"));
        press(ann, Action.EXPORT);
        RecordingChatOutput.Message video = out.awaitMessage(chat, t -> t.startsWith("🎉 Your video is ready"), WAIT);
        assertTrue(video.text().endsWith("💳 300 credits used · 9,600 left"), video.text());
        assertTrue(video.video);

        sim.setCredits(store.identity(chat.key()).orElseThrow().userId(), 200);
        long starts = sim.requestCount(Endpoint.RENDER_START);
        press(ann, Action.EXPORT);
        RecordingChatOutput.Message warning = awaitText(t -> t.startsWith("⚠️ You have 200 credits left"));
        assertTrue(warning.text().contains("an export here usually takes about 300 credits. Export anyway?"), warning.text());
        assertEquals(List.of(Action.EXPORT_ANYWAY, Action.KEEP_EDITING), warning.current().actions());
        assertEquals(starts, sim.requestCount(Endpoint.RENDER_START), "nothing started before the person says so");

        press(ann, Action.KEEP_EDITING);
        awaitText(Phrases.english().keptEditing()::equals);
        press(ann, Action.EXPORT_ANYWAY);
        awaitText(t -> t.startsWith("You've used up the free credits."));
        assertEquals(starts + 1, sim.requestCount(Endpoint.RENDER_START), "Export anyway did export");
    }

    @Test
    void projectsAreListedNewestFirstWithTheirLinksAndReopenOnlyInTheirChat() throws Exception {
        start(b -> b);
        say(ann, "make a video of a city timelapse");
        awaitText(t -> t.contains("city timelapse") && t.contains("💳"));
        String first = sessionId();
        press(ann, Action.EXPORT);
        String link = out.awaitMessage(chat, t -> t.startsWith("🎉 Your video is ready"), WAIT).text().lines().findFirst()
                .orElseThrow().replace("🎉 Your video is ready: ", "");
        send(ann, new Inbound.Command("new", ""));
        awaitText(Phrases.english().newProject()::equals);
        say(ann, "make a video of waves on rocks");
        awaitText(t -> t.contains("waves on rocks") && t.contains("💳"));

        engine.close(Duration.ofMillis(100));
        engine = newEngine(); // the list lives in the store
        send(ann, new Inbound.Command("projects", ""));
        RecordingChatOutput.Message list = awaitText(t -> t.startsWith("Projects in this chat, newest first:"));
        List<String> lines = list.text().lines().toList();
        assertTrue(lines.get(1).startsWith("1. make a video of waves on rocks (open now) · "), list.text());
        assertTrue(lines.get(2).startsWith("2. make a video of a city timelapse · "), list.text());
        assertEquals("    Last export: " + link, lines.get(3));
        assertEquals(List.of(new Action.OpenProject(first)), list.current().actions());

        press(ann, list.current().actions().get(0));
        awaitText("📂 Reopened \"make a video of a city timelapse\". Say \"status\" to see its timeline, or tell me what to change."::equals);
        assertEquals(first, sessionId());

        engine.accept(new Inbound(new ChatRef("test", "2"), ann, "x1", new Inbound.Button(new Action.OpenProject(first))));
        out.awaitMessage(new ChatRef("test", "2"), "That project isn't one of this chat's."::equals, WAIT);
        assertTrue(store.chat("test:2").isEmpty(), "another chat cannot take this chat's project");
    }

    @Test
    void quickEditsUnderADraftSendTheirPromptInThePersonsLanguage() throws Exception {
        start(b -> b);
        say(li, "做一个关于日落的视频");
        RecordingChatOutput.Message draft = awaitText(t -> t.contains("💳"));
        assertTrue(draft.current().actions().containsAll(QuickEdits.actions()), draft.current().actions().toString());
        press(li, new Action.QuickEdit("shorter"));
        awaitText(t -> t.contains("💳 使用 50 积分"));
        press(li, new Action.QuickEdit("vertical"));
        awaitText(t -> t.contains("1080×1920"));
        assertEquals(List.of("做一个关于日落的视频", "把视频缩短一些。", "把视频改成竖屏，画面比例 9:16。"),
                sim.chatMessagesReceived(sessionId()));
    }

    @Test
    void aWaitingRequestSaysHowManyAreAheadAndAboutHowLongAndMovesUp() throws Exception {
        MutableClock time = new MutableClock();
        clock = time;
        start(b -> b.generationDuration(Duration.ofSeconds(1)));
        say(ann, "make a video of a city timelapse");
        awaitText(Phrases.english().connecting()::equals);
        time.advance(Duration.ofSeconds(40)); // the first generation "takes" 40 s by the engine's clock
        awaitText(t -> t.contains("💳"));
        awaitIdle(); // its turn is over: the next request starts at once

        say(ann, "make a video of waves on rocks");
        awaitText(Phrases.english().connecting()::equals);
        time.advance(Duration.ofSeconds(10));
        say(ann, "make a video of a harbour at dawn");
        say(ann, "make a video of a paper boat");
        RecordingChatOutput.Message second = awaitText(t -> t.contains("#2 in line"));
        RecordingChatOutput.Message first = out.messages(chat).stream().filter(m -> m.text().contains("#1 in line"))
                .findFirst().orElseThrow();
        assertEquals("⏳ I'm still on your previous request. This one is #1 in line: 1 request is ahead of it. "
                + "It should start in about 30 seconds. (/cancel drops waiting requests.)", first.text());
        assertTrue(second.text().contains("2 requests are ahead of it. It should start in about 1 minute."), second.text());

        time.advance(Duration.ofSeconds(30));
        awaitText(t -> t.contains("waves on rocks") && t.contains("💳"));
        // Edits are paced by the engine's clock: time passes while we wait for the one that moves up.
        awaitVersion(second, v -> v.contains("This one is #1 in line: 1 request is ahead of it. "
                + "It should start in about 40 seconds."), () -> time.advance(Duration.ofMillis(200)));
        awaitText(t -> t.contains("harbour at dawn") && t.contains("💳"));
        assertTrue(first.text().contains("harbour at dawn"), "the acknowledgement became the reply: " + first.versions);
    }

    @Test
    void cancelBeforeTheStreamOpensKeepsThePromptFromNemoVideo() throws Exception {
        start(b -> b);
        sim.faults().next(Endpoint.CREATE_SESSION).delay(Duration.ofSeconds(2)); // the turn waits for its session
        say(ann, "make a video of a city timelapse");
        awaitText(Phrases.english().connecting()::equals);
        send(ann, new Inbound.Command("cancel", ""));
        awaitText("⏹ Stopping the request in progress."::equals);
        awaitText(t -> t.startsWith("⏹ Stopped."));
        assertEquals(0, sim.requestCount(Endpoint.RUN_SSE), "the prompt never reached NemoVideo");

        send(ann, new Inbound.Command("cancel", ""));
        awaitText(Phrases.english().cancelled(0, false, false)::equals);
    }

    @Test
    void theTypingHintRepeatsWhileARequestRuns() throws Exception {
        settings = settings.withActivityRefresh(Duration.ofMillis(20));
        start(b -> b.generationDuration(Duration.ofMillis(600)));
        say(ann, "make a video of a city timelapse");
        awaitText(t -> t.contains("💳"));
        awaitIdle();
        long typing = out.activities().stream().filter(a -> a == Activity.TYPING).count();
        assertTrue(typing >= 5, "typing shown " + typing + " times over a 600 ms generation");
        int after = out.activities().size();
        Thread.sleep(100); // negative check: nothing may repeat once the request is over
        assertEquals(after, out.activities().size(), "the refresh stops with the request");
    }

    @Test
    void refusalsAreForTheAskerAlone() throws Exception {
        start(b -> b);
        say(ann, "x".repeat(5000));
        RecordingChatOutput.Message refusal = awaitText(t -> t.startsWith("That message is 5,000 characters long"));
        assertTrue(refusal.current().toAskerOnly());
        assertEquals(List.of(), refusal.current().buttons());
    }
}
