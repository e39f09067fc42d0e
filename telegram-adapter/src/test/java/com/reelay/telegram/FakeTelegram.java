package com.reelay.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reelay.config.ConfigException;
import com.reelay.config.ConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;

/**
 * A Bot API server that behaves like Telegram's, on 127.0.0.1: getUpdates serves the updates a
 * test scripts (long polling: it holds the request while there are none); sendMessage and
 * editMessageText parse HTML as Telegram does and enforce 4096 characters; editing to the same
 * content is "message is not modified"; a scripted 429 carries {@code retry_after} and any call
 * for that chat before it ends is recorded as a violation; getFile refuses files over 20 MB and
 * files download from {@code /file/bot<token>/<path>}; sendVideo takes a multipart upload (50 MB,
 * caption 1024). It keeps each chat as a person would see it.
 */
final class FakeTelegram implements AutoCloseable {

    static final String TOKEN = "123456789:" + "AAF-fake_token_for_tests_0123456789";
    static final long BOT_ID = 777000111L;
    static final String BOT_USERNAME = "reelay_test_bot";
    static final long DOWNLOAD_LIMIT = 20L * 1024 * 1024;
    static final long UPLOAD_LIMIT = 50L * 1024 * 1024;
    static final int MAX_TEXT = 4096;
    static final int MAX_CAPTION = 1024;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration LONG_POLL_HOLD = Duration.ofMillis(300);

    /** Someone writing to the bot. */
    record Person(long id, String firstName, String languageCode) {
    }

    /** A file on Telegram's servers; {@code content} null for big files nobody will download. */
    record FakeFile(String fileId, String uniqueId, long size, String path, byte[] content) {
    }

    record Button(String text, String data) {
    }

    /** A message in a chat as people see it now (after edits). */
    record ChatMessage(int id, boolean fromBot, String kind, String text, List<Button> buttons, Integer replyTo,
                       int edits, long videoBytes) {
        List<String> buttonLabels() {
            return buttons.stream().map(Button::text).toList();
        }
    }

    /**
     * One thing the bot said in a chat, in the order Telegram accepted them: a new message
     * ({@code edit} false: sendMessage, or sendVideo with its caption as the text) or a change of
     * one ({@code edit} true: editMessageText), at {@code atMillis} (epoch milliseconds, to read
     * beside the bot's logs). Refused calls say nothing.
     */
    record Said(int messageId, boolean edit, String text, long atMillis) {
    }

    /** One Bot API call as the fake answered it. */
    record ApiCall(String method, JsonNode params, long atNanos, boolean ok, int errorCode, String description) {
        String chatId() {
            JsonNode id = params.get("chat_id");
            return id == null ? "" : id.asText();
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final MockWebServer server = new MockWebServer();
    private final Deque<ObjectNode> updates = new ArrayDeque<>();
    private final Map<Long, ChatState> chats = new HashMap<>();
    private final Map<String, FakeFile> files = new HashMap<>();
    private final List<ApiCall> calls = new ArrayList<>();
    private final Map<String, Deque<int[]>> rateLimits = new HashMap<>();
    private volatile String webhookUrl = "";
    private volatile long webhookErrorAt;
    private volatile String webhookError = "";
    private final Map<String, Deque<String>> failures = new HashMap<>();
    private final Map<String, Boolean> callbackQueries = new LinkedHashMap<>();
    private final List<String> downloads = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private int nextUpdateId = 1;
    private int nextQueryId = 1;
    private int nextFileId = 1;
    private boolean closed;
    private Duration pacing = Duration.ZERO;
    private final Map<String, Long> lastMessageAt = new HashMap<>();
    private boolean floodControl;
    private final Deque<Long> arrivals = new ArrayDeque<>();
    private final Map<String, Deque<Long>> chatArrivals = new HashMap<>();
    private final Map<String, Deque<Long>> groupArrivals = new HashMap<>();

    private static final class ChatState {
        final String type;
        int nextMessageId = 1;
        final Map<Integer, ChatMessage> messages = new LinkedHashMap<>();
        final Map<Integer, String> markup = new HashMap<>();
        final List<Said> transcript = new ArrayList<>();
        long heldUntil = Long.MIN_VALUE;

        ChatState(String type) {
            this.type = type;
        }
    }

    FakeTelegram() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                return FakeTelegram.this.dispatch(request);
            }
        });
        server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    }

    /** What TELEGRAM_API_BASE would be: scheme, host and port. */
    String baseUrl() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    /** Settings as an operator sets them, pointed at this fake: {@code variables} (TELEGRAM_*) over the defaults. */
    TelegramSettings settings(Map<String, String> variables) throws ConfigException {
        Map<String, String> env = new HashMap<>(variables);
        env.put("TELEGRAM_BOT_TOKEN", TOKEN);
        env.put("TELEGRAM_API_BASE", baseUrl());
        return ConfigLoader.load(TelegramSettings.SECTION, env);
    }

    // ---- what people do ------------------------------------------------------------------------

    /** A chat with a type Telegram would report; private chats have positive ids, groups negative. */
    synchronized void openChat(long chatId, String type) {
        chats.put(chatId, new ChatState(type));
    }

    int sendText(long chatId, Person from, String text) {
        return sendText(chatId, from, text, null);
    }

    int sendText(long chatId, Person from, String text, Integer replyTo) {
        ObjectNode content = json.createObjectNode().put("text", text);
        ArrayNode entities = entities(text);
        if (!entities.isEmpty()) {
            content.set("entities", entities);
        }
        return message(chatId, from, content, replyTo);
    }

    /** A photo in the sizes Telegram makes, largest last. */
    int sendPhoto(long chatId, Person from, String caption, String mediaGroupId, FakeFile small, FakeFile large) {
        ObjectNode content = json.createObjectNode();
        ArrayNode sizes = content.putArray("photo");
        sizes.add(photoSize(small, 90, 67));
        sizes.add(photoSize(large, 1280, 960));
        caption(content, caption);
        if (mediaGroupId != null) {
            content.put("media_group_id", mediaGroupId);
        }
        return message(chatId, from, content, null);
    }

    int sendVideo(long chatId, Person from, String caption, FakeFile file, String fileName) {
        ObjectNode content = json.createObjectNode();
        ObjectNode video = content.putObject("video");
        fileFields(video, file).put("width", 1920).put("height", 1080).put("duration", 30).put("mime_type", "video/mp4");
        if (fileName != null) {
            video.put("file_name", fileName);
        }
        caption(content, caption);
        return message(chatId, from, content, null);
    }

    int sendDocument(long chatId, Person from, String caption, FakeFile file, String fileName, String mimeType) {
        ObjectNode content = json.createObjectNode();
        fileFields(content.putObject("document"), file).put("file_name", fileName).put("mime_type", mimeType);
        caption(content, caption);
        return message(chatId, from, content, null);
    }

    int sendVoice(long chatId, Person from, FakeFile file) {
        ObjectNode content = json.createObjectNode();
        fileFields(content.putObject("voice"), file).put("duration", 4).put("mime_type", "audio/ogg");
        return message(chatId, from, content, null);
    }

    int sendSticker(long chatId, Person from) {
        ObjectNode content = json.createObjectNode();
        content.putObject("sticker").put("file_id", "sticker1").put("file_unique_id", "s1").put("type", "regular")
                .put("width", 512).put("height", 512).put("is_animated", false).put("is_video", false);
        return message(chatId, from, content, null);
    }

    /** Taps a button under one of the bot's messages; returns the callback query id. */
    String pressButton(long chatId, Person from, int botMessageId, String data) {
        String id;
        synchronized (this) {
            ChatState chat = chat(chatId);
            ChatMessage under = chat.messages.get(botMessageId);
            id = "cq" + nextQueryId++;
            callbackQueries.put(id, false);
            ObjectNode query = json.createObjectNode().put("id", id).put("chat_instance", "ci" + chatId).put("data", data);
            query.set("from", user(from));
            ObjectNode message = query.putObject("message").put("message_id", botMessageId).put("date", now());
            message.set("chat", chatNode(chatId, chat.type));
            message.set("from", botUser());
            message.put("text", under == null ? "" : under.text());
            ObjectNode update = json.createObjectNode().put("update_id", nextUpdateId++);
            update.set("callback_query", query);
            updates.add(update);
            notifyAll();
        }
        return id;
    }

    /** A file on the servers: {@code content} is what downloads return; {@code size} what Telegram declares. */
    synchronized FakeFile file(String path, byte[] content, long declaredSize) {
        int n = nextFileId++;
        FakeFile f = new FakeFile("file" + n + "-" + "x".repeat(20), "uniq" + n, declaredSize, path, content);
        files.put(f.fileId(), f);
        return f;
    }

    FakeFile file(String path, byte[] content) {
        return file(path, content, content.length);
    }

    /** From now on getWebhookInfo reports that Telegram could not deliver to the webhook just now. */
    void webhookUnreachable() {
        webhookDeliveryFailed("Connection refused");
    }

    /** From now on getWebhookInfo reports this delivery error, as of now. */
    void webhookDeliveryFailed(String message) {
        webhookError = message;
        webhookErrorAt = now();
    }

    private ObjectNode webhookInfo() {
        ObjectNode info = json.createObjectNode().put("url", webhookUrl).put("has_custom_certificate", false)
                .put("pending_update_count", 0);
        if (webhookErrorAt != 0) {
            info.put("last_error_date", webhookErrorAt).put("last_error_message", webhookError);
        }
        return info;
    }

    /**
     * Takes the updates waiting for delivery, as the JSON Telegram would post to a webhook
     * (in webhook mode nobody calls getUpdates).
     */
    synchronized List<String> takeUpdates() {
        List<String> taken = updates.stream().map(ObjectNode::toString).toList();
        updates.clear();
        return taken;
    }

    // ---- scripting misbehaviour ----------------------------------------------------------------

    /**
     * Records a violation when a chat gets two messages (sends, edits, videos) closer together
     * than {@code gap}: Telegram's "about one message per second in a chat".
     */
    synchronized void expectPacing(Duration gap) {
        pacing = gap;
    }

    /**
     * Telegram's flood control from now on: a message (send, edit, video) that would make 31 in
     * any trailing second from the bot, 2 in a second in one chat or 21 in a minute in one group,
     * counted by arrival, gets 429 with {@code retry_after} and is recorded as a violation.
     */
    synchronized void enforceFloodControl() {
        floodControl = true;
    }

    /** The next call of {@code method} gets 429 with {@code parameters.retry_after}. */
    synchronized void rateLimitNext(String method, int retryAfterSeconds) {
        rateLimits.computeIfAbsent(method, m -> new ArrayDeque<>()).add(new int[] {retryAfterSeconds});
    }

    /** The next call of {@code method} fails with 400 and this description. */
    synchronized void failNext(String method, String description) {
        failures.computeIfAbsent(method, m -> new ArrayDeque<>()).add(description);
    }

    // ---- what a test looks at ------------------------------------------------------------------

    synchronized List<ChatMessage> messages(long chatId) {
        ChatState chat = chats.get(chatId);
        return chat == null ? List.of() : List.copyOf(chat.messages.values());
    }

    /** Everything the bot said in the chat, sends and edits, in the order Telegram accepted them. */
    synchronized List<Said> transcript(long chatId) {
        ChatState chat = chats.get(chatId);
        return chat == null ? List.of() : List.copyOf(chat.transcript);
    }

    /** How many calls the fake answered 429 Too Many Requests, scripted or earned. */
    synchronized long tooManyRequestsServed() {
        return calls.stream().filter(c -> c.errorCode() == 429).count();
    }

    synchronized List<ChatMessage> botMessages(long chatId) {
        return messages(chatId).stream().filter(ChatMessage::fromBot).toList();
    }

    synchronized List<ApiCall> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    synchronized List<ApiCall> calls() {
        return List.copyOf(calls);
    }

    /** Calls answered with an error the test did not script. */
    synchronized List<ApiCall> unexpectedErrors() {
        return calls.stream().filter(c -> !c.ok() && !c.description().startsWith("[scripted]")).toList();
    }

    synchronized List<String> downloads() {
        return List.copyOf(downloads);
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    synchronized boolean answered(String callbackQueryId) {
        return Boolean.TRUE.equals(callbackQueries.get(callbackQueryId));
    }

    /** Waits until the bot's messages in the chat satisfy {@code condition}; returns them. */
    List<ChatMessage> awaitBotMessages(long chatId, Predicate<List<ChatMessage>> condition) {
        return await(() -> {
            List<ChatMessage> now = botMessages(chatId);
            return condition.test(now) ? now : null;
        }, () -> "bot messages in chat " + chatId + ": " + botMessages(chatId));
    }

    /** Waits for a bot message in the chat that satisfies {@code condition}. */
    ChatMessage awaitBotMessage(long chatId, Predicate<ChatMessage> condition) {
        return await(() -> botMessages(chatId).stream().filter(condition).findFirst().orElse(null),
                () -> "bot messages in chat " + chatId + ": " + botMessages(chatId));
    }

    <T> T await(Supplier<T> probe, Supplier<String> state) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            T found = probe.get();
            if (found != null) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting; " + state.get() + "; errors: " + unexpectedErrors());
            }
            synchronized (this) {
                try {
                    wait(25);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted");
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        server.close();
    }

    // ---- the Bot API ---------------------------------------------------------------------------

    private static final List<String> METHODS = List.of("getUpdates", "getMe", "deleteWebhook", "setWebhook", "getWebhookInfo",
            "setMyCommands", "sendMessage", "editMessageText", "sendVideo", "sendChatAction", "answerCallbackQuery",
            "getFile");
    private static final Pattern METHOD_PATH = Pattern.compile("/bot([^/]+)/([A-Za-z]+)");
    private static final Pattern FILE_PATH = Pattern.compile("/file/bot([^/]+)/(.+)");

    private MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        String path = request.getUrl().encodedPath();
        Matcher file = FILE_PATH.matcher(path);
        if (file.matches()) {
            return download(file.group(1), file.group(2));
        }
        Matcher m = METHOD_PATH.matcher(path);
        if (!m.matches()) {
            return answer(404, error(404, "Not Found"));
        }
        if (!TOKEN.equals(m.group(1))) {
            return answer(401, error(401, "Unauthorized"));
        }
        // Bot API method names are case-insensitive (telegrambots sends "sendmessage").
        String method = METHODS.stream().filter(name -> name.equalsIgnoreCase(m.group(2))).findFirst().orElse(m.group(2));
        JsonNode params;
        Map<String, Long> fileParts = new HashMap<>();
        try {
            params = params(request, fileParts);
        } catch (IOException e) {
            return answer(400, error(400, "Bad Request: can't parse request"));
        }
        if (method.equals("getUpdates")) {
            return getUpdates(params);
        }
        synchronized (this) {
            ObjectNode reply = call(method, params, fileParts);
            boolean ok = reply.path("ok").asBoolean();
            calls.add(new ApiCall(method, params, System.nanoTime(), ok, reply.path("error_code").asInt(),
                    reply.path("description").asText("")));
            notifyAll();
            int status = ok ? 200 : reply.path("error_code").asInt(400);
            if (reply.has("description")) {
                // What the bot sees must not carry the marker the fake uses for its own bookkeeping.
                reply.put("description", reply.get("description").asText().replace("[scripted] ", ""));
            }
            return answer(status, reply);
        }
    }

    private ObjectNode call(String method, JsonNode p, Map<String, Long> fileParts) {
        String chatId = p.path("chat_id").asText("");
        if (!chatId.isEmpty() && List.of("sendMessage", "editMessageText", "sendVideo", "sendChatAction").contains(method)) {
            ObjectNode refused = rateLimited(method, chatId);
            if (refused != null) {
                return refused;
            }
        }
        Deque<String> scripted = failures.get(method);
        if (scripted != null && !scripted.isEmpty()) {
            return error(400, "[scripted] Bad Request: " + scripted.poll());
        }
        switch (method) {
            case "getMe":
                return ok(botUser().put("can_join_groups", true).put("can_read_all_group_messages", false));
            case "deleteWebhook":
            case "setMyCommands":
                return ok(json.getNodeFactory().booleanNode(true));
            case "setWebhook":
                if (!p.path("url").asText().startsWith("https://")) {
                    return error(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
                }
                webhookUrl = p.path("url").asText();
                return ok(json.getNodeFactory().booleanNode(true));
            case "getWebhookInfo":
                return ok(webhookInfo());
            case "sendMessage":
                return sendMessage(p);
            case "editMessageText":
                return editMessageText(p);
            case "sendVideo":
                return sendVideo(p, fileParts);
            case "sendChatAction":
                return sendChatAction(p);
            case "answerCallbackQuery":
                return answerCallbackQuery(p);
            case "getFile":
                return getFile(p);
            default:
                return error(404, "Not Found: method not found");
        }
    }

    private ObjectNode rateLimited(String method, String chatId) {
        ChatState chat = chats.get(Long.parseLong(chatId));
        long now = System.nanoTime();
        if (!method.equals("sendChatAction") && !pacing.isZero()) {
            Long last = lastMessageAt.put(chatId, now);
            if (last != null && now - last < pacing.toNanos()) {
                violations.add(method + " in chat " + chatId + " " + Duration.ofNanos(now - last).toMillis()
                        + " ms after the previous message");
            }
        }
        if (chat != null && chat.heldUntil > now) {
            long left = chat.heldUntil - now;
            violations.add(method + " in chat " + chatId + " " + Duration.ofNanos(left).toMillis()
                    + " ms before its retry_after ended");
            return tooManyRequests((int) Math.max(1, Duration.ofNanos(left).toSeconds() + 1), "");
        }
        if (floodControl && !method.equals("sendChatAction")) {
            long wait = Math.max(windowWait(arrivals, 30, 1, now), windowWait(chatArrivals.get(chatId), 1, 1, now));
            if (chatId.startsWith("-")) {
                wait = Math.max(wait, windowWait(groupArrivals.get(chatId), 20, 60, now));
            }
            if (wait > 0) {
                violations.add("flood control: " + method + " in chat " + chatId + " " + Duration.ofNanos(wait).toMillis()
                        + " ms early");
                return tooManyRequests((int) Math.max(1, Duration.ofNanos(wait).toSeconds() + 1), "");
            }
            arrivals.addLast(now);
            chatArrivals.computeIfAbsent(chatId, c -> new ArrayDeque<>()).addLast(now);
            if (chatId.startsWith("-")) {
                groupArrivals.computeIfAbsent(chatId, c -> new ArrayDeque<>()).addLast(now);
            }
        }
        Deque<int[]> scripted = rateLimits.get(method);
        if (scripted != null && !scripted.isEmpty()) {
            int seconds = scripted.poll()[0];
            if (chat != null) {
                chat.heldUntil = now + Duration.ofSeconds(seconds).toNanos();
            }
            return tooManyRequests(seconds, "[scripted] ");
        }
        return null;
    }

    /** How long until one more arrival fits "at most {@code most} in any {@code seconds}" (0: now). */
    private static long windowWait(Deque<Long> times, int most, int seconds, long now) {
        if (times == null) {
            return 0;
        }
        long span = Duration.ofSeconds(seconds).toNanos();
        while (!times.isEmpty() && times.peekFirst() <= now - span) {
            times.pollFirst();
        }
        return times.size() < most ? 0 : times.peekFirst() + span - now;
    }

    private ObjectNode tooManyRequests(int seconds, String marker) {
        ObjectNode e = error(429, marker + "Too Many Requests: retry after " + seconds);
        e.putObject("parameters").put("retry_after", seconds);
        return e;
    }

    private ObjectNode sendMessage(JsonNode p) {
        ChatState chat = chats.get(p.path("chat_id").asLong());
        if (chat == null) {
            return error(400, "Bad Request: chat not found");
        }
        String text;
        try {
            text = visible(p.path("text").asText(""), p.path("parse_mode").asText(""));
        } catch (TelegramHtml.ParseError e) {
            return error(400, "Bad Request: can't parse entities: " + e.getMessage());
        }
        if (text.isBlank()) {
            return error(400, "Bad Request: message text is empty");
        }
        if (text.length() > MAX_TEXT) {
            return error(400, "Bad Request: message is too long");
        }
        Integer replyTo = p.path("reply_parameters").has("message_id")
                ? p.path("reply_parameters").path("message_id").asInt() : null;
        int id = chat.nextMessageId++;
        ChatMessage message = new ChatMessage(id, true, "text", text, buttons(p.get("reply_markup")), replyTo, 0, 0);
        chat.messages.put(id, message);
        chat.markup.put(id, String.valueOf(p.get("reply_markup")));
        chat.transcript.add(new Said(id, false, text, System.currentTimeMillis()));
        return ok(messageNode(p.path("chat_id").asLong(), chat, message));
    }

    private ObjectNode editMessageText(JsonNode p) {
        ChatState chat = chats.get(p.path("chat_id").asLong());
        ChatMessage old = chat == null ? null : chat.messages.get(p.path("message_id").asInt());
        if (old == null || !old.fromBot() || !old.kind().equals("text")) {
            return error(400, "Bad Request: message to edit not found");
        }
        String text;
        try {
            text = visible(p.path("text").asText(""), p.path("parse_mode").asText(""));
        } catch (TelegramHtml.ParseError e) {
            return error(400, "Bad Request: can't parse entities: " + e.getMessage());
        }
        if (text.isBlank()) {
            return error(400, "Bad Request: message text is empty");
        }
        if (text.length() > MAX_TEXT) {
            return error(400, "Bad Request: MESSAGE_TOO_LONG");
        }
        String markup = String.valueOf(p.get("reply_markup"));
        if (text.equals(old.text()) && markup.equals(chat.markup.get(old.id()))) {
            return error(400, "Bad Request: message is not modified: specified new message content and reply markup"
                    + " are exactly the same as a current content and reply markup of the message");
        }
        ChatMessage edited = new ChatMessage(old.id(), true, "text", text, buttons(p.get("reply_markup")), old.replyTo(),
                old.edits() + 1, 0);
        chat.messages.put(old.id(), edited);
        chat.markup.put(old.id(), markup);
        chat.transcript.add(new Said(old.id(), true, text, System.currentTimeMillis()));
        return ok(messageNode(p.path("chat_id").asLong(), chat, edited));
    }

    private ObjectNode sendVideo(JsonNode p, Map<String, Long> fileParts) {
        ChatState chat = chats.get(p.path("chat_id").asLong());
        if (chat == null) {
            return error(400, "Bad Request: chat not found");
        }
        Long bytes = fileParts.get("video");
        if (bytes == null) {
            return error(400, "Bad Request: there is no video in the request");
        }
        if (bytes > UPLOAD_LIMIT) {
            return error(413, "Request Entity Too Large");
        }
        String caption;
        try {
            caption = visible(p.path("caption").asText(""), p.path("parse_mode").asText(""));
        } catch (TelegramHtml.ParseError e) {
            return error(400, "Bad Request: can't parse entities: " + e.getMessage());
        }
        if (caption.length() > MAX_CAPTION) {
            return error(400, "Bad Request: message caption is too long");
        }
        JsonNode markup = p.has("reply_markup") ? parseJson(p.get("reply_markup").asText()) : null;
        Integer replyTo = p.has("reply_parameters")
                ? parseJson(p.get("reply_parameters").asText()).path("message_id").asInt() : null;
        int id = chat.nextMessageId++;
        ChatMessage message = new ChatMessage(id, true, "video", caption, buttons(markup), replyTo, 0, bytes);
        chat.messages.put(id, message);
        chat.transcript.add(new Said(id, false, caption, System.currentTimeMillis()));
        ObjectNode node = messageNode(p.path("chat_id").asLong(), chat, message);
        node.remove("text");
        node.put("caption", caption);
        node.putObject("video").put("file_id", "video" + id).put("file_unique_id", "uv" + id).put("width", 1280)
                .put("height", 720).put("duration", 10).put("file_size", bytes);
        return ok(node);
    }

    private ObjectNode sendChatAction(JsonNode p) {
        if (!chats.containsKey(p.path("chat_id").asLong())) {
            return error(400, "Bad Request: chat not found");
        }
        List<String> actions = List.of("typing", "upload_photo", "record_video", "upload_video", "record_voice",
                "upload_voice", "upload_document", "choose_sticker", "find_location", "record_video_note",
                "upload_video_note");
        return actions.contains(p.path("action").asText()) ? ok(json.getNodeFactory().booleanNode(true))
                : error(400, "Bad Request: wrong parameter action in request");
    }

    private ObjectNode answerCallbackQuery(JsonNode p) {
        String id = p.path("callback_query_id").asText();
        if (!callbackQueries.containsKey(id) || callbackQueries.get(id)) {
            return error(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
        }
        callbackQueries.put(id, true);
        return ok(json.getNodeFactory().booleanNode(true));
    }

    private ObjectNode getFile(JsonNode p) {
        FakeFile f = files.get(p.path("file_id").asText());
        if (f == null) {
            return error(400, "Bad Request: invalid file_id");
        }
        long actual = f.content() == null ? f.size() : f.content().length;
        if (actual > DOWNLOAD_LIMIT) {
            return error(400, "Bad Request: file is too big");
        }
        ObjectNode result = json.createObjectNode().put("file_id", f.fileId()).put("file_unique_id", f.uniqueId())
                .put("file_size", actual).put("file_path", f.path());
        return ok(result);
    }

    private MockResponse download(String token, String path) {
        synchronized (this) {
            downloads.add(path);
            notifyAll();
            if (!TOKEN.equals(token)) {
                return answer(404, error(404, "Not Found"));
            }
            for (FakeFile f : files.values()) {
                if (f.path().equals(path) && f.content() != null) {
                    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/octet-stream")
                            .body(new Buffer().write(f.content())).build();
                }
            }
        }
        return answer(404, error(404, "Not Found"));
    }

    private MockResponse getUpdates(JsonNode p) throws InterruptedException {
        long offset = p.path("offset").asLong(0);
        long hold = Math.min(Duration.ofSeconds(p.path("timeout").asLong(0)).toNanos(), LONG_POLL_HOLD.toNanos());
        long deadline = System.nanoTime() + hold;
        synchronized (this) {
            updates.removeIf(u -> u.path("update_id").asLong() < offset);
            while (updates.isEmpty() && !closed && System.nanoTime() < deadline) {
                wait(Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis()));
                updates.removeIf(u -> u.path("update_id").asLong() < offset);
            }
            calls.add(new ApiCall("getUpdates", p, System.nanoTime(), true, 0, ""));
            ArrayNode result = json.createArrayNode();
            int limit = p.path("limit").asInt(100);
            for (ObjectNode u : updates) {
                if (result.size() < limit) {
                    result.add(u);
                }
            }
            return answer(200, ok(result));
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private int message(long chatId, Person from, ObjectNode content, Integer replyTo) {
        synchronized (this) {
            ChatState chat = chat(chatId);
            int id = chat.nextMessageId++;
            ObjectNode message = json.createObjectNode().put("message_id", id).put("date", now());
            message.set("from", user(from));
            message.set("chat", chatNode(chatId, chat.type));
            if (replyTo != null) {
                ChatMessage original = chat.messages.get(replyTo);
                ObjectNode quoted = message.putObject("reply_to_message").put("message_id", replyTo).put("date", now());
                quoted.set("chat", chatNode(chatId, chat.type));
                quoted.set("from", original != null && original.fromBot() ? botUser() : user(from));
                quoted.put("text", original == null ? "" : original.text());
            }
            message.setAll(content);
            chat.messages.put(id, new ChatMessage(id, false, "person", content.path("text").asText(
                    content.path("caption").asText("")), List.of(), replyTo, 0, 0));
            ObjectNode update = json.createObjectNode().put("update_id", nextUpdateId++);
            update.set("message", message);
            updates.add(update);
            notifyAll();
            return id;
        }
    }

    private ChatState chat(long chatId) {
        return chats.computeIfAbsent(chatId, id -> new ChatState(id < 0 ? "supergroup" : "private"));
    }

    private ArrayNode entities(String text) {
        ArrayNode entities = json.createArrayNode();
        Matcher command = Pattern.compile("^/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?").matcher(text);
        int commandEnd = 0;
        if (command.find()) {
            commandEnd = command.end();
            entities.addObject().put("type", "bot_command").put("offset", 0).put("length", commandEnd);
        }
        Matcher mention = Pattern.compile("@[A-Za-z0-9_]{5,}").matcher(text);
        while (mention.find()) {
            if (mention.start() >= commandEnd) {
                entities.addObject().put("type", "mention").put("offset", mention.start())
                        .put("length", mention.end() - mention.start());
            }
        }
        return entities;
    }

    private void caption(ObjectNode content, String caption) {
        if (caption != null && !caption.isEmpty()) {
            content.put("caption", caption);
        }
    }

    private ObjectNode photoSize(FakeFile f, int width, int height) {
        return fileFields(json.createObjectNode(), f).put("width", width).put("height", height);
    }

    private ObjectNode fileFields(ObjectNode node, FakeFile f) {
        node.put("file_id", f.fileId()).put("file_unique_id", f.uniqueId());
        if (f.size() >= 0) {
            node.put("file_size", f.size());
        }
        return node;
    }

    private ObjectNode user(Person p) {
        return json.createObjectNode().put("id", p.id()).put("is_bot", false).put("first_name", p.firstName())
                .put("language_code", p.languageCode());
    }

    private ObjectNode botUser() {
        return json.createObjectNode().put("id", BOT_ID).put("is_bot", true).put("first_name", "Reelay")
                .put("username", BOT_USERNAME);
    }

    private ObjectNode chatNode(long chatId, String type) {
        ObjectNode chat = json.createObjectNode().put("id", chatId).put("type", type);
        if (!type.equals("private")) {
            chat.put("title", "Video makers");
        }
        return chat;
    }

    private ObjectNode messageNode(long chatId, ChatState chat, ChatMessage m) {
        ObjectNode node = json.createObjectNode().put("message_id", m.id()).put("date", now());
        node.set("chat", chatNode(chatId, chat.type));
        node.set("from", botUser());
        node.put("text", m.text());
        return node;
    }

    private List<Button> buttons(JsonNode markup) {
        List<Button> out = new ArrayList<>();
        if (markup == null || markup.isNull()) {
            return out;
        }
        for (JsonNode row : markup.path("inline_keyboard")) {
            for (JsonNode b : row) {
                out.add(new Button(b.path("text").asText(), b.path("callback_data").asText()));
            }
        }
        return out;
    }

    private static String visible(String text, String parseMode) throws TelegramHtml.ParseError {
        return "HTML".equalsIgnoreCase(parseMode) ? TelegramHtml.visibleText(text) : text;
    }

    private JsonNode params(RecordedRequest request, Map<String, Long> fileParts) throws IOException {
        String type = Objects.requireNonNullElse(request.getHeaders().get("Content-Type"), "");
        okio.ByteString body = request.getBody();
        if (type.startsWith("multipart/form-data")) {
            ObjectNode fields = json.createObjectNode();
            try (MultipartReader reader = new MultipartReader(new Buffer().write(body == null ? okio.ByteString.EMPTY : body),
                    MediaType.get(type).parameter("boundary"))) {
                MultipartReader.Part part;
                while ((part = reader.nextPart()) != null) {
                    Headers headers = part.headers();
                    String disposition = Objects.requireNonNullElse(headers.get("Content-Disposition"), "");
                    Matcher name = Pattern.compile("name=\"([^\"]+)\"").matcher(disposition);
                    String field = name.find() ? name.group(1) : "";
                    if (disposition.contains("filename=")) {
                        fileParts.put(field, part.body().readAll(okio.Okio.blackhole()));
                    } else {
                        fields.put(field, part.body().readUtf8());
                    }
                }
            }
            return fields;
        }
        if (body == null || body.size() == 0) {
            return json.createObjectNode();
        }
        return json.readTree(body.string(StandardCharsets.UTF_8));
    }

    private JsonNode parseJson(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private ObjectNode ok(JsonNode result) {
        ObjectNode node = json.createObjectNode().put("ok", true);
        node.set("result", result);
        return node;
    }

    private ObjectNode error(int code, String description) {
        return json.createObjectNode().put("ok", false).put("error_code", code).put("description", description);
    }

    private MockResponse answer(int status, ObjectNode body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
                .body(body.toString()).build();
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
