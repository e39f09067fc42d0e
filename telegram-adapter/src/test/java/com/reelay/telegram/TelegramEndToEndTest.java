package com.reelay.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;

import com.reelay.core.nemo.ChatReply;
import com.reelay.core.nemo.ChatStream;
import com.reelay.core.nemo.NemoClient;
import com.reelay.simulator.Endpoint;
import com.reelay.telegram.FakeTelegram.ApiCall;
import com.reelay.telegram.FakeTelegram.ChatMessage;
import com.reelay.telegram.FakeTelegram.FakeFile;
import com.reelay.telegram.FakeTelegram.Person;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person using the bot in Telegram, end to end: the fake Bot API, the Telegram front end, the
 * real engine and the NemoVideo simulator. Each test checks what the person would see.
 */
class TelegramEndToEndTest {

    private static final long MB = 1024 * 1024;
    private static final Person ANN = new Person(42, "Ann", "en");
    private static final long ANN_CHAT = 42;
    /** Under a finished draft: export, the timeline, and the quick edits. */
    private static final List<String> DRAFT_BUTTONS =
            List.of("Export", "Status", "↕️ Vertical 9:16", "✂️ Shorter", "🎵 New music", "💬 Add captions");

    @TempDir
    Path dir;

    private RunningBot bot;
    private FakeTelegram telegram;

    private void start() throws Exception {
        start(c -> c);
    }

    private void start(java.util.function.UnaryOperator<NemoClient> agent) throws Exception {
        start(Map.of(), agent);
    }

    private void start(Map<String, String> settings, java.util.function.UnaryOperator<NemoClient> agent) throws Exception {
        bot = RunningBot.start(dir, settings, agent);
        telegram = bot.telegram;
    }

    @AfterEach
    void stop() {
        if (bot == null) {
            return;
        }
        try {
            assertEquals(List.of(), telegram.violations(), "calls that broke Telegram's limits");
            assertEquals(List.of(), bot.logLinesContaining(FakeTelegram.TOKEN), "log lines with the bot token");
            assertEquals(List.of(), bot.logLinesContaining(FakeTelegram.TOKEN.substring(FakeTelegram.TOKEN.indexOf(':') + 1)));
        } finally {
            bot.close();
        }
    }

    private static boolean isProgress(String text) {
        return text.startsWith("⏳") || text.startsWith("🎬 Generating") || text.startsWith("✂️") || text.startsWith("🎵")
                || text.startsWith("📤") || text.startsWith("🎬 Rendering") || text.startsWith("📥");
    }

    /** The bot's message that satisfies {@code condition} once it is no longer a progress line. */
    private ChatMessage answer(long chat, Predicate<ChatMessage> condition) {
        return telegram.awaitBotMessage(chat, m -> !isProgress(m.text()) && condition.test(m));
    }

    private static Predicate<ChatMessage> containing(String text) {
        return m -> m.text().contains(text);
    }

    private FakeFile photo(String path, int bytes) {
        byte[] content = new byte[bytes];
        new Random(bytes).nextBytes(content);
        return telegram.file(path, content);
    }

    @Test
    void aTextPromptIsAnsweredInOneMessageEditedFromProgressToReplyWithButtons() throws Exception {
        start();
        telegram.sendText(ANN_CHAT, ANN, "make a video of a sunset over the sea");

        ChatMessage reply = answer(ANN_CHAT, containing("sunset over the sea"));
        assertEquals(DRAFT_BUTTONS, reply.buttonLabels());
        assertTrue(reply.text().contains("press the Export button"), "GUI wording translated: " + reply.text());
        assertFalse(reply.text().contains("Click Export"), reply.text());
        assertTrue(reply.edits() >= 1, "the progress message became the reply");
        assertEquals(1, telegram.botMessages(ANN_CHAT).size());
        assertNull(reply.replyTo(), "no quoting in a private chat");
        assertTrue(telegram.calls("sendChatAction").stream().anyMatch(c -> c.params().path("action").asText().equals("typing")));
        assertTrue(bot.logLines() > 0, "the run was logged (and checked for the token)");
    }

    @Test
    void aPhotoWithACaptionIsUploadedAndTheCaptionIsThePrompt() throws Exception {
        start();
        FakeFile small = photo("photos/file_1.jpg", 2_000);
        FakeFile large = photo("photos/file_2.jpg", 150_000);
        telegram.sendPhoto(ANN_CHAT, ANN, "make a 5 second video from this photo", null, small, large);

        ChatMessage reply = answer(ANN_CHAT, containing("Generating your 5-second video"));
        assertTrue(reply.text().startsWith("✅ Uploaded 1 file"), reply.text());
        assertEquals(List.of(large.fileId()), telegram.calls("getFile").stream()
                .map(c -> c.params().path("file_id").asText()).toList(), "the largest size only");
        assertEquals(List.of("photos/file_2.jpg"), telegram.downloads());
        assertEquals(1, bot.nemo.requestCount(Endpoint.UPLOAD));
    }

    @Test
    void anAlbumOfThreeIsOneUploadOneRequestAndOneProgressMessage() throws Exception {
        start();
        FakeFile tiny = photo("photos/thumb.jpg", 500);
        telegram.sendPhoto(ANN_CHAT, ANN, "make a slideshow video of these", "album-1", tiny, photo("photos/a.jpg", 40_000));
        telegram.sendPhoto(ANN_CHAT, ANN, null, "album-1", tiny, photo("photos/b.jpg", 41_000));
        telegram.sendPhoto(ANN_CHAT, ANN, null, "album-1", tiny, photo("photos/c.jpg", 42_000));

        ChatMessage reply = answer(ANN_CHAT, containing("Generating your"));
        assertTrue(reply.text().startsWith("✅ Uploaded 3 files"), reply.text());
        assertEquals(1, telegram.botMessages(ANN_CHAT).size(), "one progress message, edited into the answer");
        assertEquals(1, bot.nemo.requestCount(Endpoint.UPLOAD));
        assertEquals(1, bot.nemo.requestCount(Endpoint.RUN_SSE));
        assertEquals(List.of("photos/a.jpg", "photos/b.jpg", "photos/c.jpg"), telegram.downloads().stream().sorted().toList());
    }

    @Test
    void theExportButtonIsAnsweredAndTheVideoArrivesAsAFileWithItsLink() throws Exception {
        start();
        telegram.sendText(ANN_CHAT, ANN, "make a video of a city at night");
        ChatMessage made = answer(ANN_CHAT, m -> m.buttonLabels().contains("Export"));

        String query = telegram.pressButton(ANN_CHAT, ANN, made.id(), "export");
        ChatMessage video = telegram.awaitBotMessage(ANN_CHAT, m -> m.kind().equals("video"));
        assertTrue(telegram.answered(query), "the button press was answered");
        assertTrue(video.text().startsWith("🎉 Your video is ready: http://127.0.0.1:"), video.text());
        String link = video.text().lines().findFirst().orElseThrow();
        assertTrue(link.contains("/cdn/renders/") && link.endsWith(".mp4"), video.text());
        assertTrue(video.text().endsWith("\n\n💳 No credits used · 0 left"), "the receipt: exports are free: " + video.text());
        assertEquals(64 * 1024, video.videoBytes(), "the rendered file itself");
        assertEquals(List.of("Status", "New project", "Projects"), video.buttonLabels());
        assertTrue(telegram.botMessages(ANN_CHAT).stream().anyMatch(m -> m.text().equals("✅ Rendered.")),
                "the export's progress message ends as done");
        assertTrue(telegram.calls("sendChatAction").stream()
                .anyMatch(c -> c.params().path("action").asText().equals("upload_video")));
    }

    @Test
    void statusShowsTheTimeline() throws Exception {
        start();
        telegram.sendText(ANN_CHAT, ANN, "make a 6 second video of falling leaves");
        answer(ANN_CHAT, m -> m.buttonLabels().contains("Export"));
        telegram.sendText(ANN_CHAT, ANN, "/status");

        ChatMessage status = answer(ANN_CHAT, containing("Timeline"));
        assertTrue(status.text().contains("falling leaves"), status.text());
        assertEquals(List.of("Export"), status.buttonLabels());
    }

    @Test
    void creditsShowsTheBalance() throws Exception {
        start();
        telegram.sendText(ANN_CHAT, ANN, "/credits@" + FakeTelegram.BOT_USERNAME);
        ChatMessage none = answer(ANN_CHAT, containing("haven't used any credits"));
        assertTrue(none.text().startsWith("💳"), none.text()); // no anonymous identity spent on asking
        telegram.sendText(ANN_CHAT, ANN, "add calm music");
        answer(ANN_CHAT, containing("music"));
        telegram.sendText(ANN_CHAT, ANN, "/credits@" + FakeTelegram.BOT_USERNAME);
        ChatMessage credits = answer(ANN_CHAT, containing("Credits:"));
        assertTrue(credits.text().startsWith("💳 Credits: "), credits.text());
    }

    @Test
    void aVideoOver200MegabytesIsRefusedWithNemoVideosLimitAndNothingIsDownloaded() throws Exception {
        start();
        FakeFile film = telegram.file("videos/film.mp4", null, 300 * MB);
        telegram.sendVideo(ANN_CHAT, ANN, "cut this down", film, "film.mp4");

        ChatMessage refusal = answer(ANN_CHAT, containing("film.mp4"));
        assertTrue(refusal.text().contains("over the 200 MB limit"), refusal.text());
        assertTrue(telegram.calls("getFile").isEmpty());
        assertEquals(0, bot.nemo.requestCount(Endpoint.UPLOAD));
    }

    @Test
    void aVideoOverTheBotApiDownloadLimitIsExplainedWithTheWayOut() throws Exception {
        start();
        FakeFile talk = telegram.file("videos/talk.mp4", null, 25 * MB);
        telegram.sendVideo(ANN_CHAT, ANN, "make highlights", talk, "talk.mp4");

        ChatMessage refusal = answer(ANN_CHAT, containing("talk.mp4"));
        assertTrue(refusal.text().contains("Telegram only lets bots download files up to 20 MB"), refusal.text());
        assertTrue(refusal.text().contains("local Telegram Bot API server"), refusal.text());
        assertTrue(telegram.calls("getFile").isEmpty());
    }

    @Test
    void aDocumentWhoseSizeTelegramDidNotDeclareIsUploadedNotCalledTooBig() throws Exception {
        start();
        byte[] content = new byte[40_000];
        new Random(3).nextBytes(content);
        FakeFile clip = telegram.file("documents/clip.mp4", content, -1);
        telegram.sendDocument(ANN_CHAT, ANN, null, clip, "clip.mp4", "video/mp4");

        ChatMessage reply = answer(ANN_CHAT, m -> true);
        assertTrue(reply.text().startsWith("✅ Uploaded 1 file"), reply.text());
        assertEquals(List.of("documents/clip.mp4"), telegram.downloads());
        assertEquals(1, bot.nemo.requestCount(Endpoint.UPLOAD));
    }

    @Test
    void aFileTelegramRefusesToHandOverIsNotBlamedOnNemoVideo() throws Exception {
        start();
        FakeFile talk = telegram.file("documents/talk.mp4", new byte[(int) (25 * MB)], -1); // no size declared
        telegram.sendDocument(ANN_CHAT, ANN, "make highlights", talk, "talk.mp4", "video/mp4");

        ChatMessage reply = answer(ANN_CHAT, m -> !m.text().startsWith("📤") && !m.text().startsWith("⏳"));
        assertFalse(reply.text().contains("can't reach NemoVideo"), reply.text());
        assertTrue(reply.text().startsWith("Telegram refused to hand over the file"), reply.text());
        assertTrue(telegram.downloads().isEmpty(), "Telegram refused getFile: " + telegram.downloads());
        assertEquals(1, bot.logLinesContaining("error=UploadSourceFailed").size(), "the engine was told what failed: " + reply.text());
    }

    @Test
    void anExeDocumentIsRefusedWithTheAcceptedFormats() throws Exception {
        start();
        FakeFile exe = telegram.file("documents/setup.exe", new byte[1000]);
        telegram.sendDocument(ANN_CHAT, ANN, null, exe, "setup.exe", "application/x-msdownload");

        ChatMessage refusal = answer(ANN_CHAT, containing("setup.exe"));
        assertTrue(refusal.text().contains("that file type isn't supported"), refusal.text());
        assertTrue(refusal.text().contains("mp4, mov"), refusal.text());
        assertTrue(telegram.calls("getFile").isEmpty());
    }

    @Test
    void aVoiceNoteGetsAClearAnswer() throws Exception {
        start();
        telegram.sendVoice(ANN_CHAT, ANN, telegram.file("voice/file_5.oga", new byte[500]));
        ChatMessage refusal = answer(ANN_CHAT, containing("voice messages"));
        assertTrue(refusal.text().contains("Type what you'd like"), refusal.text());
        assertEquals(0, bot.nemo.requestCount(Endpoint.RUN_SSE));
    }

    @Test
    void aPromptFullOfMarkupCharactersComesBackExactlyAsTyped() throws Exception {
        start();
        telegram.sendText(ANN_CHAT, ANN, "make a video of <b>cats</b> & *dogs* <3");

        ChatMessage reply = answer(ANN_CHAT, containing("cats"));
        assertTrue(reply.text().contains("<b>cats</b> & *dogs* <3"), reply.text());
        assertEquals(List.of(), telegram.unexpectedErrors(), "no \"can't parse entities\" or other refusal");
        assertTrue(telegram.calls().stream().filter(c -> c.method().equals("sendMessage") || c.method().equals("editMessageText"))
                .allMatch(c -> c.params().path("parse_mode").asText().equals("html")));
    }

    @Test
    void aNineThousandCharacterReplyArrivesInPartsWithinTelegramsLimit() throws Exception {
        String essay = essay(9_000);
        start(client -> withReply(client, essay));
        telegram.sendText(ANN_CHAT, ANN, "tell me everything about editing");

        List<ChatMessage> parts = telegram.awaitBotMessages(ANN_CHAT, messages -> messages.size() >= 3
                && messages.stream().mapToInt(m -> m.text().length()).sum() >= 8_900);
        assertEquals(3, parts.size(), "9,000 characters fit in three messages");
        assertTrue(parts.stream().allMatch(m -> m.text().length() <= 4096), "each within 4096");
        String receipt = "💳 No credits used · 100 left";
        assertTrue(parts.get(2).text().endsWith("\n\n" + receipt), "the receipt ends the reply: " + parts.get(2).text());
        assertEquals(essay.replaceAll("\\s+", "") + receipt.replaceAll("\\s+", ""),
                String.join("", parts.stream().map(ChatMessage::text).toList()).replaceAll("\\s+", ""),
                "nothing lost or repeated at the cuts");
        assertTrue(parts.get(0).text().endsWith("."), "cut at a sentence end: " + parts.get(0).text()
                .substring(parts.get(0).text().length() - 40));
        assertEquals(List.of(), telegram.unexpectedErrors());
    }

    @Test
    void aRateLimitDuringProgressEditsIsWaitedOutAndTheReplyStillArrives() throws Exception {
        start();
        telegram.rateLimitNext("editMessageText", 1);
        telegram.sendText(ANN_CHAT, ANN, "make a video of a lighthouse in a storm");

        ChatMessage reply = answer(ANN_CHAT, containing("lighthouse in a storm"));
        assertEquals(DRAFT_BUTTONS, reply.buttonLabels());
        List<ApiCall> edits = telegram.calls("editMessageText");
        assertEquals(429, edits.get(0).errorCode(), "Telegram did say to wait");
        ApiCall next = edits.get(1);
        assertTrue(next.ok());
        assertTrue(next.atNanos() - edits.get(0).atNanos() >= Duration.ofSeconds(1).toNanos(),
                "the chat waited retry_after before its next edit");
        assertEquals(1, telegram.botMessages(ANN_CHAT).size(), "still one message, edited in place");
    }

    @Test
    void withTelegramsOwnLimitsAChatGetsAtMostOneMessageASecondAndProgressStillShows() throws Exception {
        start(Map.of("TELEGRAM_OUTBOX_PER_CHAT_MESSAGES", "1", "TELEGRAM_OUTBOX_PER_GROUP_MESSAGES", "20",
                "TELEGRAM_OUTBOX_GLOBAL_MESSAGES", "30"), c -> c);
        assertEquals(TelegramSettings.OutboxLimits.telegramDefaults(), bot.settings.outbox());
        telegram.expectPacing(Duration.ofMillis(990));
        telegram.sendText(ANN_CHAT, ANN, "make a video of waves at dawn");

        ChatMessage reply = answer(ANN_CHAT, containing("waves at dawn"));
        assertEquals(DRAFT_BUTTONS, reply.buttonLabels());
        assertEquals(1, telegram.botMessages(ANN_CHAT).size());
        // The engine asked for many more edits than went out: pending ones collapsed into the newest.
        assertTrue(telegram.calls("editMessageText").size() <= 4, telegram.calls("editMessageText").toString());
    }

    @Test
    void inAGroupTheBotAnswersOnlyWhatIsAddressedToIt() throws Exception {
        start();
        long group = -100500;
        Person bo = new Person(51, "Bo", "en");
        telegram.openChat(group, "supergroup");
        telegram.sendText(group, bo, "anyone up for lunch? let's make it quick");
        telegram.sendText(group, bo, "/credits@other_bot");
        int asked = telegram.sendText(group, bo, "@" + FakeTelegram.BOT_USERNAME + " make a video of our office party");

        ChatMessage reply = answer(group, containing("office party"));
        assertEquals(asked, reply.replyTo(), "the answer quotes the message it answers");
        assertEquals(1, telegram.botMessages(group).size(), "chatter and other bots' commands got nothing");
        assertEquals(1, bot.nemo.requestCount(Endpoint.RUN_SSE));

        telegram.sendText(group, bo, "what else can you do?", reply.id());
        answer(group, m -> m.id() != reply.id() && m.text().contains("background music"));
        assertEquals(2, bot.nemo.requestCount(Endpoint.RUN_SSE), "a reply to the bot is addressed to it");
    }

    @Test
    void theCommandMenuIsSetInEnglishAndChinese() throws Exception {
        start();
        List<ApiCall> menus = telegram.await(() -> telegram.calls("setMyCommands").size() == 2
                ? telegram.calls("setMyCommands") : null, () -> "setMyCommands calls");
        assertEquals(List.of("", "zh"), menus.stream().map(c -> c.params().path("language_code").asText("")).sorted().toList());
        for (ApiCall menu : menus) {
            List<String> names = new java.util.ArrayList<>();
            menu.params().path("commands").forEach(c -> names.add(c.path("command").asText()));
            assertTrue(names.containsAll(List.of("video", "export", "status", "credits", "new", "projects", "language",
                    "cancel", "help")), names.toString());
        }
        ApiCall chinese = menus.stream().filter(c -> c.params().path("language_code").asText("").equals("zh")).findFirst()
                .orElseThrow();
        List<String> descriptions = new java.util.ArrayList<>();
        chinese.params().path("commands").forEach(c -> descriptions.add(c.path("description").asText()));
        assertTrue(descriptions.contains("导出视频并发送链接"), descriptions.toString());
        assertTrue(descriptions.contains("查看本聊天的项目"), descriptions.toString());
    }

    @Test
    void aPersonWhoseTelegramIsInChineseIsAnsweredInChinese() throws Exception {
        start();
        Person li = new Person(43, "Li", "zh-hans");
        telegram.sendText(43, li, "make a video of a sunset over the sea");

        ChatMessage reply = answer(43, containing("💳"));
        assertTrue(reply.text().contains("使用 100 积分"), reply.text());
        assertEquals(List.of("导出", "状态", "↕️ 竖屏 9:16", "✂️ 缩短", "🎵 换音乐", "💬 加字幕"), reply.buttonLabels());
        telegram.sendText(43, li, "/status");
        answer(43, m -> m.text().startsWith("时间线（1 条轨道）："));
        telegram.sendVoice(43, li, telegram.file("voice/1.ogg", new byte[100]));
        answer(43, m -> m.text().startsWith("🎙 我无法使用语音消息。"));
    }

    @Test
    void aFailureOffersRetryAndAQuickEditSendsItsPrompt() throws Exception {
        start();
        bot.nemo.faults().nextStream().errorAfter(3, "model overloaded");
        telegram.sendText(ANN_CHAT, ANN, "make a video of a sunset over the sea");
        ChatMessage failed = answer(ANN_CHAT, m -> m.text().contains("Nothing was spent"));
        assertEquals(List.of("🔁 Retry"), failed.buttonLabels());

        telegram.pressButton(ANN_CHAT, ANN, failed.id(), failed.buttons().get(0).data());
        ChatMessage reply = answer(ANN_CHAT, m -> m.id() != failed.id() && m.text().contains("sunset over the sea"));
        bot.nemo.setCredits(bot.nemo.users().get(0).userId(), 1000); // the free 100 went on the video
        FakeTelegram.Button shorter = reply.buttons().stream().filter(b -> b.text().equals("✂️ Shorter")).findFirst().orElseThrow();
        telegram.pressButton(ANN_CHAT, ANN, reply.id(), shorter.data());
        answer(ANN_CHAT, m -> m.text().contains("The video is now 8 seconds long"));
        assertEquals(3, bot.nemo.requestCount(Endpoint.RUN_SSE), "the retry and the quick edit each reached the agent once");
    }

    @Test
    void cancelStopsTheRunningGenerationWhileTypingKeepsShowing() throws Exception {
        bot = RunningBot.start(dir, Map.of(), c -> c, b -> b, e -> e.withActivityRefresh(Duration.ofMillis(50)));
        telegram = bot.telegram;
        bot.nemo.faults().nextStream().heartbeatsOnly();
        telegram.sendText(ANN_CHAT, ANN, "make a video of a sunset over the sea");
        telegram.await(() -> telegram.calls("sendChatAction").size() >= 3 ? true : null, () -> "typing refreshed");
        telegram.sendText(ANN_CHAT, ANN, "/cancel");
        answer(ANN_CHAT, m -> m.text().equals("⏹ Stopping the request in progress."));
        answer(ANN_CHAT, m -> m.text().startsWith("⏹ Stopped. I closed the connection, but NemoVideo may still finish this"));
        telegram.await(() -> bot.nemo.openStreams() == 0 ? true : null, () -> "the stream to NemoVideo closed");
    }

    // ---- an agent that says a lot --------------------------------------------------------------

    private static String essay(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; text.length() < length; i++) {
            text.append("Point ").append(i).append(": good edits follow the story, and each cut should have a reason. ");
            if (i % 6 == 0) {
                text.append("\n\n");
            }
        }
        return text.substring(0, text.lastIndexOf(".", length) + 1);
    }

    /** The simulator's client, except that every chat reply says {@code text}. */
    private static NemoClient withReply(NemoClient real, String text) {
        NemoClient client = mock(NemoClient.class, delegatesTo(real));
        doAnswer(call -> {
            ChatStream stream = real.chat(call.getArgument(0), call.getArgument(1), call.getArgument(2), call.getArgument(3));
            ChatStream replying = mock(ChatStream.class, delegatesTo(stream));
            doReturn(stream.reply().thenApply(r -> new ChatReply(text, r.toolsUsed()))).when(replying).reply();
            return replying;
        }).when(client).chat(any(), any(), any(), any());
        return client;
    }
}
