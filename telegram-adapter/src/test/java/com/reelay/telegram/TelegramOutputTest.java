package com.reelay.telegram;

import com.reelay.core.testing.EnglishButtons;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.reelay.core.chat.Action;
import com.reelay.core.chat.Activity;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.FinishedVideo;
import com.reelay.core.chat.MessageRef;
import com.reelay.core.chat.Reply;
import com.reelay.core.chat.send.SystemScheduler;
import com.reelay.core.chat.support.SecretMask;
import com.reelay.telegram.FakeTelegram.ChatMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine's output port against the fake Bot API: what a person sees for each kind of reply. */
class TelegramOutputTest {

    private static final long PRIVATE = 42;
    private static final long GROUP = -100777;
    /** 20 a second per chat, 100 a minute per group, 100 a second in all. */
    private static final Map<String, String> FAST = Map.of("TELEGRAM_OUTBOX_PER_CHAT_MESSAGES", "20",
            "TELEGRAM_OUTBOX_PER_GROUP_MESSAGES", "100", "TELEGRAM_OUTBOX_GLOBAL_MESSAGES", "100");

    private FakeTelegram telegram;
    private MockWebServer cdn;
    private SystemScheduler scheduler;
    private OkHttpBotApi api;
    private Outbox outbox;
    private TelegramOutput output;
    private final ChatRef ann = new ChatRef("telegram", Long.toString(PRIVATE));
    private final ChatRef group = new ChatRef("telegram", Long.toString(GROUP));

    @BeforeEach
    void start() throws Exception {
        telegram = new FakeTelegram();
        telegram.openChat(PRIVATE, "private");
        telegram.openChat(GROUP, "supergroup");
        cdn = new MockWebServer();
        cdn.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                int kib = Integer.parseInt(request.getUrl().queryParameter("kib"));
                Buffer bytes = new Buffer().write(new byte[kib * 1024]);
                MockResponse.Builder answer = new MockResponse.Builder().code(200).addHeader("Content-Type", "video/mp4");
                // chunked: no Content-Length, so the size is known only while streaming
                return (request.getUrl().queryParameter("chunked") != null ? answer.chunkedBody(bytes, 8 * 1024)
                        : answer.body(bytes)).build();
            }
        });
        cdn.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
        scheduler = new SystemScheduler("test-timer");
        use(Map.of());
    }

    /** {@code variables} over {@link #FAST}. */
    private void use(Map<String, String> variables) throws Exception {
        Map<String, String> env = new HashMap<>(FAST);
        env.putAll(variables);
        TelegramSettings settings = telegram.settings(env);
        SecretMask mask = SecretMask.of(settings.botToken());
        api = new OkHttpBotApi(settings, new OkHttpClient(), new ObjectMapper());
        outbox = new Outbox(settings.outbox(), scheduler, mask);
        output = new TelegramOutput(api, outbox, settings, mask);
    }

    @AfterEach
    void stop() {
        outbox.close();
        api.close();
        scheduler.close();
        cdn.close();
        telegram.close();
    }

    private String video(int kib) {
        return cdn.url("/renders/render_1.mp4?kib=" + kib).toString();
    }

    @Test
    void whatAPersonWroteComesBackExactlyWithButtons() {
        String text = "You asked for \"<b>Tom & Jerry</b>\" *now* — 5 > 3 & 2 < 4";
        output.send(ann, "tg-42-7", new Reply(text, EnglishButtons.of(Action.EXPORT, Action.STATUS))).join();
        ChatMessage shown = telegram.botMessages(PRIVATE).get(0);
        assertEquals(text, shown.text());
        assertEquals(List.of("Export", "Status"), shown.buttonLabels());
        assertNull(shown.replyTo(), "private chats need no quote");
        assertEquals("html", telegram.calls("sendMessage").get(0).params().path("parse_mode").asText());
    }

    @Test
    void inAGroupTheAnswerQuotesTheMessageItAnswers() {
        output.send(group, "tg-" + GROUP + "-31", Reply.text("On it")).join();
        assertEquals(31, telegram.botMessages(GROUP).get(0).replyTo());
    }

    @Test
    void editingToTheSameContentIsASuccess() {
        MessageRef ref = output.send(ann, "", Reply.text("⏳ Working on it…")).join();
        output.edit(ref, Reply.text("⏳ Working on it…")).join();
        assertTrue(telegram.calls("editMessageText").get(0).description().startsWith("Bad Request: message is not modified"),
                "Telegram did answer \"not modified\"");
    }

    @Test
    void aMessageTelegramCannotParseGoesOutAsPlainText() {
        telegram.failNext("sendMessage", "can't parse entities: Unsupported start tag \"x\" at byte offset 0");
        output.send(ann, "", Reply.text("a <x> tag")).join();
        assertEquals("a <x> tag", telegram.botMessages(PRIVATE).get(0).text());
        assertTrue(telegram.calls("sendMessage").get(1).params().path("parse_mode").isMissingNode());
    }

    @Test
    void aRateLimitedEditWaitsItsTurnAndOnlyTheNewestTextIsSent() {
        MessageRef ref = output.send(ann, "", Reply.text("Rendering… 0%")).join();
        telegram.rateLimitNext("editMessageText", 1);
        CompletableFuture<Void> first = output.edit(ref, Reply.text("Rendering… 10%"));
        telegram.await(() -> telegram.calls("editMessageText").isEmpty() ? null : true, () -> "no edit yet");
        CompletableFuture<Void> second = output.edit(ref, Reply.text("Rendering… 20%"));
        CompletableFuture<Void> third = output.edit(ref, Reply.text("Rendering… 30%"));
        CompletableFuture.allOf(first, second, third).join();

        assertEquals("Rendering… 30%", telegram.botMessages(PRIVATE).get(0).text());
        List<FakeTelegram.ApiCall> edits = telegram.calls("editMessageText");
        assertEquals(2, edits.size(), "the 429, then one edit with the newest text: " + edits);
        assertEquals(429, edits.get(0).errorCode());
        assertTrue(edits.get(1).atNanos() - edits.get(0).atNanos() >= Duration.ofSeconds(1).toNanos());
        assertEquals(List.of(), telegram.violations());
    }

    @Test
    void aFinishedVideoIsAttachedWithTheLinkInItsCaption() {
        String url = video(100);
        output.sendVideo(ann, "", new FinishedVideo(url, -1,
                new Reply("🎉 Your video is ready: " + url, EnglishButtons.of(Action.STATUS, Action.NEW_PROJECT)))).join();
        ChatMessage shown = telegram.botMessages(PRIVATE).get(0);
        assertEquals("video", shown.kind());
        assertEquals(100 * 1024, shown.videoBytes());
        assertEquals("🎉 Your video is ready: " + url, shown.text());
        assertEquals(List.of("Status", "New project"), shown.buttonLabels());
    }

    @Test
    void aVideoOverTheUploadLimitGoesAsItsLink() throws Exception {
        use(Map.of("TELEGRAM_ATTACH_VIDEOS", "true", "TELEGRAM_VIDEO_UPLOAD_LIMIT_BYTES", "50KiB"));
        String url = video(100);
        output.sendVideo(ann, "", new FinishedVideo(url, -1, Reply.text("🎉 Your video is ready: " + url))).join();
        ChatMessage shown = telegram.botMessages(PRIVATE).get(0);
        assertEquals("text", shown.kind());
        assertEquals("🎉 Your video is ready: " + url, shown.text());
        assertTrue(telegram.calls("sendVideo").isEmpty(), "nothing was uploaded");
        assertEquals(1, cdn.getRequestCount(), "a file that is too big is not tried again");
    }

    @Test
    void aVideoOfUnknownSizeThatRunsOverTheUploadLimitGoesAsItsLink() throws Exception {
        use(Map.of("TELEGRAM_ATTACH_VIDEOS", "true", "TELEGRAM_VIDEO_UPLOAD_LIMIT_BYTES", String.valueOf(50 * 1024)));
        String url = video(100) + "&chunked=1";
        output.sendVideo(ann, "", new FinishedVideo(url, -1, Reply.text("🎉 Your video is ready: " + url))).join();
        List<ChatMessage> shown = telegram.botMessages(PRIVATE);
        assertEquals(List.of("text"), shown.stream().map(ChatMessage::kind).toList(), "no cut video was posted");
        assertEquals("🎉 Your video is ready: " + url, shown.get(0).text());
        assertEquals(1, cdn.getRequestCount(), "a file that is too big is not tried again");
    }

    @Test
    void withUploadsOffOnlyTheLinkIsSentAndItIsAlwaysThere() throws Exception {
        use(Map.of("TELEGRAM_ATTACH_VIDEOS", "false", "TELEGRAM_VIDEO_UPLOAD_LIMIT_BYTES", "0"));
        assertEquals(0, output.capabilities().maxUploadBytes());
        String url = video(10);
        output.sendVideo(ann, "", new FinishedVideo(url, -1, Reply.text("🎉 Done!"))).join();
        assertEquals("🎉 Done!\n" + url, telegram.botMessages(PRIVATE).get(0).text());
        assertEquals(0, cdn.getRequestCount());
    }

    @Test
    void aCaptionTooLongForAVideoFollowsItAsAMessage() {
        String url = video(10);
        String caption = "🎉 Your video is ready: " + url + "\n" + "Timeline details. ".repeat(70);
        output.sendVideo(ann, "", new FinishedVideo(url, -1, new Reply(caption, EnglishButtons.of(Action.STATUS)))).join();
        List<ChatMessage> shown = telegram.botMessages(PRIVATE);
        assertEquals(List.of("video", "text"), shown.stream().map(ChatMessage::kind).toList());
        assertEquals("", shown.get(0).text());
        assertEquals(caption.strip(), shown.get(1).text().strip());
        assertEquals(List.of("Status"), shown.get(1).buttonLabels());
    }

    @Test
    void busyHintsAreChatActions() {
        output.showActivity(ann, Activity.UPLOADING_VIDEO);
        output.showActivity(group, Activity.TYPING);
        telegram.await(() -> telegram.calls("sendChatAction").size() == 2 ? true : null, () -> "chat actions");
        assertEquals(List.of("-100777 typing", "42 upload_video"), telegram.calls("sendChatAction").stream()
                .map(c -> c.chatId() + " " + c.params().path("action").asText()).sorted().toList());
    }
}
