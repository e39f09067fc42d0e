package com.reelay.discord;

import com.reelay.discord.Payloads.Person;
import com.reelay.discord.Payloads.Place;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import okhttp3.MultipartReader;
import okhttp3.WebSocketListener;
import okio.Buffer;
import okio.ByteString;

/**
 * Discord on 127.0.0.1: the REST API JDA calls, a gateway that delivers the events a test makes
 * ({@link FakeDiscordGateway}: HELLO, READY with the guilds, heartbeats, sharding as Discord does
 * it), and a CDN for attachments. It keeps what each person would see in each channel, enforces the
 * interaction rules (acknowledge within the deadline, a token lives for its lifetime) and the rate
 * limits ({@link DiscordRateLimits}), and records every request, so tests assert on the screen and
 * on the wire.
 */
final class FakeDiscord implements AutoCloseable {

    static final String BOT_TOKEN = "MTE4NzY1NDMyMTA5ODc2NTQzMg.GfAkE1.fake-b0t-t0ken-n3ver-l0gged_xyz";

    /** A REST request as Discord received it; {@code body} is the JSON (or a multipart's payload_json). */
    record Call(String method, String path, DataObject body, List<String> files, long fileBytes, String authorization,
                Instant at) {
    }

    /** One message as people see it now. */
    static final class Shown {
        final String id;
        final long channelId;
        final boolean ephemeral;
        final long viewer; // for ephemeral messages: the only person who sees it
        final String interactionToken; // sent through an interaction, or null
        volatile long author; // 0: the bot
        volatile boolean thinking;
        volatile String content = "";
        volatile DataArray embeds = DataArray.empty();
        volatile DataArray components = DataArray.empty();
        volatile List<String> files = List.of();
        volatile DataObject allowedMentions;
        volatile String allowedMentionsAtCreation;
        volatile long replyTo;
        final List<String> history = new CopyOnWriteArrayList<>();

        Shown(String id, long channelId, boolean ephemeral, long viewer, String interactionToken) {
            this.id = id;
            this.channelId = channelId;
            this.ephemeral = ephemeral;
            this.viewer = viewer;
            this.interactionToken = interactionToken;
        }

        /** The text and embed titles/descriptions, as read. */
        String text() {
            StringBuilder s = new StringBuilder(content);
            for (int i = 0; i < embeds.length(); i++) {
                DataObject e = embeds.getObject(i);
                s.append('\n').append(e.getString("title", "")).append('\n').append(e.getString("description", ""));
            }
            return s.toString();
        }

        List<String> buttons() {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < components.length(); i++) {
                DataArray row = components.getObject(i).getArray("components");
                for (int j = 0; j < row.length(); j++) {
                    ids.add(row.getObject(j).getString("custom_id"));
                }
            }
            return ids;
        }

        @Override
        public String toString() {
            return (author != 0 ? "[" + Long.toUnsignedString(author) + "] " : "") + (ephemeral ? "[only you] " : "") + (thinking ? "[thinking…] " : "") + text() + " " + buttons()
                    + (files.isEmpty() ? "" : " files=" + files);
        }
    }

    /** An interaction the test started, and what Discord knows of its answers. */
    static final class Interaction {
        final long id;
        final String token;
        final Place place;
        final Person person;
        final Instant dispatchedAt;
        volatile Instant acknowledgedAt;
        volatile Shown original;

        Interaction(long id, String token, Place place, Person person, Instant dispatchedAt) {
            this.id = id;
            this.token = token;
            this.place = place;
            this.person = person;
            this.dispatchedAt = dispatchedAt;
        }
    }

    private static final Pattern CALLBACK = Pattern.compile("/api/v10/interactions/(\\d+)/([^/]+)/callback");
    private static final Pattern WEBHOOK = Pattern.compile("/api/v10/webhooks/(\\d+)/([^/]+)(?:/messages/([^/]+))?");
    private static final Pattern CHANNEL_MESSAGES = Pattern.compile("/api/v10/channels/(\\d+)/messages(?:/(\\d+))?");
    private static final Pattern TYPING = Pattern.compile("/api/v10/channels/(\\d+)/typing");
    private static final Pattern COMMANDS = Pattern.compile("/api/v10/applications/(\\d+)(?:/guilds/(\\d+))?/commands");

    private final MockWebServer server = new MockWebServer();
    private final FakeDiscordGateway gateway;
    private final List<Place> guildChannels;
    private final Duration deferDeadline;
    private final Duration tokenLifetime;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final DiscordRateLimits limits = new DiscordRateLimits();
    private final Map<Long, List<Shown>> screens = new ConcurrentHashMap<>();
    private final Map<String, Shown> byId = new ConcurrentHashMap<>();
    private final Map<String, Interaction> byToken = new ConcurrentHashMap<>();
    private final Map<String, byte[]> cdn = new ConcurrentHashMap<>();
    private final Map<String, DataObject> commandRegistrations = new ConcurrentHashMap<>();
    /** Signalled whenever a REST call was recorded or answered, for tests waiting on what Discord saw. */
    private final Object changes = new Object();
    private volatile boolean refuseAcknowledgements;
    private volatile int identifyConcurrency = 1;

    /** The bot is in {@code guildId} (one server) with {@code guildChannels}. */
    FakeDiscord(long guildId, List<Place> guildChannels, Duration deferDeadline, Duration tokenLifetime) throws IOException {
        this(Stream.concat(Stream.of(guildId), guildChannels.stream().map(Place::guildId)).distinct().toList(),
                guildChannels, deferDeadline, tokenLifetime);
    }

    /** The bot is in {@code guildIds}, each with its channels among {@code guildChannels}. */
    FakeDiscord(List<Long> guildIds, List<Place> guildChannels, Duration deferDeadline, Duration tokenLifetime)
            throws IOException {
        this.guildChannels = List.copyOf(guildChannels);
        this.deferDeadline = deferDeadline;
        this.tokenLifetime = tokenLifetime;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return FakeDiscord.this.dispatch(request);
            }
        });
        server.start();
        gateway = new FakeDiscordGateway(gatewayUrl(), guildIds, guildChannels);
    }

    String apiBase() {
        return server.url("/api/v10/").toString();
    }

    String gatewayUrl() {
        return "ws://" + server.getHostName() + ":" + server.getPort() + "/gateway";
    }

    /** Serves {@code bytes} from the CDN; returns the URL an attachment points at. */
    String serve(String fileName, byte[] bytes) {
        String path = "/cdn/attachments/" + Payloads.snowflake() + "/" + fileName;
        cdn.put(path, bytes);
        return server.url(path).toString();
    }

    boolean awaitIdentify(Duration timeout) throws InterruptedException {
        return gateway.awaitIdentify(timeout);
    }

    /** The latest IDENTIFY's payload. */
    DataObject identify() {
        return gateway.identify();
    }

    /** Every IDENTIFY so far, in order. */
    List<DataObject> identifies() {
        return gateway.identifies();
    }

    /** From now on a session identifying with fewer shards in total is closed with 4011 (sharding required). */
    void requireShards(int total) {
        gateway.requireShards(total);
    }

    /**
     * The identify concurrency {@code GET /gateway/bot} reports (Discord: 1, or 16 and up for large
     * bots): how many shards may connect in the same 5 s.
     */
    void identifyConcurrency(int sessions) {
        identifyConcurrency = sessions;
    }

    /** Waits until exactly {@code shards} have a gateway session (each identified, in order). */
    boolean awaitOnline(List<Integer> shards, Duration timeout) throws InterruptedException {
        return gateway.awaitOnline(shards, timeout);
    }

    /** The shard of each gateway session the event {@code eventId} went to; empty: no session holds its shard. */
    List<Integer> deliveredTo(long eventId) {
        return gateway.deliveredTo(eventId);
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Drops the gateway session and refuses new ones, as when Discord or the network is down. */
    void dropGateway() {
        gateway.drop();
    }

    /** From now on, Discord answers every acknowledgement with "Unknown interaction" (as when it came too late). */
    void refuseAcknowledgements() {
        refuseAcknowledgements = true;
    }

    /** Requests Discord would have refused (unknown routes, dead tokens, late acknowledgements). */
    List<String> refused() {
        return List.copyOf(refused);
    }

    /** Requests answered 429 (route buckets and the global limit), and why. */
    List<String> rateLimited() {
        return limits.refusals();
    }

    /** Every interaction token handed to the bot so far. */
    List<String> interactionTokens() {
        return List.copyOf(byToken.keySet());
    }

    Map<String, DataObject> commandRegistrations() {
        return Map.copyOf(commandRegistrations);
    }

    /** How often the commands were put, by scope ("global" or the guild's id). */
    Map<String, Long> commandRegistrationCalls() {
        return calls().stream().filter(c -> c.method().equals("PUT")).map(c -> COMMANDS.matcher(c.path()))
                .filter(Matcher::matches).collect(Collectors.groupingBy(m -> m.group(2) == null ? "global" : m.group(2),
                        Collectors.counting()));
    }

    /** Waits for a REST call Discord received. */
    Call awaitCall(Predicate<Call> wanted, Duration timeout) throws InterruptedException {
        return until(() -> calls.stream().filter(wanted).findFirst(), timeout,
                () -> "no such call within " + timeout + "; Discord received:\n" + calls.stream()
                        .map(c -> "  " + c.method() + " " + c.path()).collect(Collectors.joining("\n")));
    }

    // ---- what the test does ---------------------------------------------------------------------

    Interaction slashCommand(Place place, Person person, String name, Map<String, String> options, List<DataObject> files) {
        return slashCommand(place, person, "en-US", name, options, files);
    }

    /** {@code locale}: the person's Discord language (the server's stays en-US). */
    Interaction slashCommand(Place place, Person person, String locale, String name, Map<String, String> options,
                             List<DataObject> files) {
        long id = Payloads.snowflake();
        Interaction interaction = new Interaction(id, "aW50ZXJhY3Rpb246" + UUID.randomUUID().toString().replace("-", ""),
                place, person, Instant.now());
        byToken.put(interaction.token, interaction);
        List<DataObject> strings = new ArrayList<>();
        options.forEach((k, v) -> strings.add(Payloads.stringOption(k, v)));
        dispatch("INTERACTION_CREATE", Payloads.slashCommand(id, interaction.token, place, person, locale, name, strings, files));
        return interaction;
    }

    Interaction pressButton(Shown message, Person person, String customId) {
        Place place = place(message.channelId);
        long id = Payloads.snowflake();
        Interaction interaction = new Interaction(id, "aW50ZXJhY3Rpb246" + UUID.randomUUID().toString().replace("-", ""),
                place, person, Instant.now());
        byToken.put(interaction.token, interaction);
        dispatch("INTERACTION_CREATE", Payloads.buttonPress(id, interaction.token, place, person, customId,
                messageJson(message)));
        return interaction;
    }

    long postMessage(Place place, Person author, String content, List<DataObject> attachments, List<Person> mentions) {
        long id = Payloads.snowflake();
        DataObject message = Payloads.message(id, place, author, false, content, attachments, mentions);
        Shown shown = new Shown(Long.toUnsignedString(id), place.channelId(), false, 0, null);
        shown.author = author.id();
        shown.content = content;
        screen(place.channelId()).add(shown);
        dispatch("MESSAGE_CREATE", message);
        return id;
    }

    /** What {@code viewer} sees in the channel now, oldest first; the bot's messages and people's. */
    List<Shown> screen(long channelId, long viewer) {
        return screen(channelId).stream().filter(m -> !m.ephemeral || m.viewer == viewer).toList();
    }

    /** Waits until some message the viewer sees matches. */
    Shown await(long channelId, long viewer, Predicate<Shown> wanted, Duration timeout) throws InterruptedException {
        return until(() -> screen(channelId, viewer).stream().filter(wanted).findFirst(), timeout,
                () -> "not shown within " + timeout + "; the channel shows:\n" + describe(channelId, viewer));
    }

    /** What people see and what Discord received change only with a REST call: each one wakes the waiters. */
    private <T> T until(Supplier<Optional<T>> state, Duration timeout, Supplier<String> otherwise) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changes) {
            for (Optional<T> now = state.get(); now.isEmpty(); now = state.get()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(otherwise.get());
                }
                TimeUnit.NANOSECONDS.timedWait(changes, left);
            }
            return state.get().orElseThrow();
        }
    }

    private void changed() {
        synchronized (changes) {
            changes.notifyAll();
        }
    }

    String describe(long channelId, long viewer) {
        StringBuilder s = new StringBuilder();
        for (Shown m : screen(channelId, viewer)) {
            s.append("  ").append(m).append('\n');
        }
        return s.toString();
    }

    @Override
    public void close() throws IOException {
        gateway.close();
        server.close();
    }

    // ---- gateway --------------------------------------------------------------------------------

    private void dispatch(String type, DataObject data) {
        gateway.dispatch(type, data);
    }

    // ---- REST -----------------------------------------------------------------------------------

    private MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.equals("/gateway")) {
            WebSocketListener session = gateway.connect();
            return session == null ? new MockResponse.Builder().code(503).build()
                    : new MockResponse.Builder().webSocketUpgrade(session).build();
        }
        if (path.startsWith("/cdn/")) {
            byte[] bytes = cdn.get(path);
            return bytes == null ? new MockResponse.Builder().code(404).build()
                    : new MockResponse.Builder().body(new Buffer().write(bytes)).addHeader("Content-Type", "image/jpeg").build();
        }
        Body body = Body.of(request);
        Call call = new Call(request.getMethod(), path, body.json, body.files, body.fileBytes,
                request.getHeaders().get("Authorization"), Instant.now());
        calls.add(call);
        try {
            DiscordRateLimits.Admission admission = limits.admit(call.method(), path);
            if (admission.refused() != null) {
                return admission.refused();
            }
            return admission.apply(rest(call, body));
        } catch (RuntimeException e) {
            refused.add(call.method() + " " + path + ": " + e);
            return error(500, 0, "fake Discord failed: " + e);
        } finally {
            changed();
        }
    }

    private MockResponse rest(Call call, Body body) {
        String path = call.path();
        if (!("Bot " + BOT_TOKEN).equals(call.authorization()) && !path.startsWith("/api/v10/webhooks/")
                && !path.startsWith("/api/v10/interactions/")) {
            refused.add(call.method() + " " + path + ": unauthorized");
            return error(401, 0, "401: Unauthorized");
        }
        if (path.equals("/api/v10/users/@me") && call.method().equals("GET")) {
            return json(Payloads.botUser());
        }
        if (path.equals("/api/v10/gateway/bot") && call.method().equals("GET")) {
            return json(DataObject.empty().put("url", gatewayUrl()).put("shards", gateway.recommendedShards())
                    .put("session_start_limit", DataObject.empty().put("total", 1000).put("remaining", 999)
                            .put("reset_after", 14_400_000).put("max_concurrency", identifyConcurrency)));
        }
        Matcher m = COMMANDS.matcher(path);
        if (m.matches() && call.method().equals("PUT")) {
            DataArray echoed = DataArray.empty();
            DataArray sent = DataArray.fromJson(body.raw);
            for (int i = 0; i < sent.length(); i++) {
                echoed.add(sent.getObject(i).put("id", Long.toUnsignedString(Payloads.snowflake()))
                        .put("application_id", m.group(1)).put("version", Long.toUnsignedString(Payloads.snowflake())));
            }
            commandRegistrations.put(m.group(2) == null ? "global" : m.group(2), DataObject.empty().put("commands", echoed));
            return new MockResponse.Builder().body(echoed.toString()).addHeader("Content-Type", "application/json").build();
        }
        m = CALLBACK.matcher(path);
        if (m.matches()) {
            return callback(m.group(2), call);
        }
        m = WEBHOOK.matcher(path);
        if (m.matches()) {
            return webhook(m.group(2), m.group(3), call);
        }
        m = CHANNEL_MESSAGES.matcher(path);
        if (m.matches()) {
            long channel = Long.parseUnsignedLong(m.group(1));
            if (m.group(2) == null && call.method().equals("POST")) {
                Shown shown = new Shown(Long.toUnsignedString(Payloads.snowflake()), channel, false, 0, null);
                apply(shown, call);
                shown.replyTo = call.body().optObject("message_reference").map(r -> r.getLong("message_id", 0)).orElse(0L);
                screen(channel).add(shown);
                byId.put(shown.id, shown);
                return json(messageJson(shown));
            }
            if (m.group(2) != null && call.method().equals("PATCH")) {
                Shown shown = byId.get(m.group(2));
                if (shown == null || shown.channelId != channel) {
                    return error(404, 10008, "Unknown Message");
                }
                apply(shown, call);
                return json(messageJson(shown));
            }
        }
        if (TYPING.matcher(path).matches()) {
            return new MockResponse.Builder().code(204).build();
        }
        refused.add(call.method() + " " + path + ": no such route");
        return error(404, 0, "404: Not Found");
    }

    private MockResponse callback(String token, Call call) {
        Interaction interaction = byToken.get(token);
        if (interaction == null) {
            refused.add("callback for an unknown interaction");
            return error(404, 10062, "Unknown interaction");
        }
        if (refuseAcknowledgements) {
            refused.add("acknowledgement refused, as the test asked");
            return error(404, 10062, "Unknown interaction");
        }
        if (Duration.between(interaction.dispatchedAt, call.at()).compareTo(deferDeadline) > 0) {
            refused.add("acknowledged too late: " + Duration.between(interaction.dispatchedAt, call.at()));
            return error(404, 10062, "Unknown interaction");
        }
        if (interaction.acknowledgedAt != null) {
            refused.add("acknowledged twice");
            return error(400, 40060, "Interaction has already been acknowledged.");
        }
        int type = call.body().getInt("type");
        boolean ephemeral = (call.body().optObject("data").map(d -> d.getInt("flags", 0)).orElse(0) & 64) != 0;
        if (type != 5) {
            refused.add("callback type " + type + " (only deferred replies are expected)");
        }
        interaction.acknowledgedAt = call.at();
        Shown original = new Shown(Long.toUnsignedString(Payloads.snowflake()), interaction.place.channelId(), ephemeral,
                interaction.person.id(), token);
        original.thinking = true;
        interaction.original = original;
        screen(interaction.place.channelId()).add(original);
        byId.put(original.id, original);
        return json(DataObject.empty()
                .put("interaction", DataObject.empty().put("id", Long.toUnsignedString(interaction.id)).put("type", 2)
                        .put("response_message_id", original.id).put("response_message_loading", true)
                        .put("response_message_ephemeral", ephemeral))
                .put("resource", DataObject.empty().put("type", 5)));
    }

    private MockResponse webhook(String token, String messageId, Call call) {
        Interaction interaction = byToken.get(token);
        if (interaction == null) {
            refused.add("webhook call with an unknown token");
            return error(401, 50027, "Invalid Webhook Token");
        }
        if (Duration.between(interaction.dispatchedAt, call.at()).compareTo(tokenLifetime) >= 0) {
            refused.add(call.method() + " through an expired interaction token");
            return error(401, 50027, "Invalid Webhook Token");
        }
        if (interaction.acknowledgedAt == null) {
            refused.add("webhook call before the interaction was acknowledged");
            return error(404, 10015, "Unknown Webhook");
        }
        if (messageId == null && call.method().equals("POST")) {
            boolean ephemeral = (call.body().getInt("flags", 0) & 64) != 0;
            Shown shown = new Shown(Long.toUnsignedString(Payloads.snowflake()), interaction.place.channelId(), ephemeral,
                    interaction.person.id(), token);
            apply(shown, call);
            screen(shown.channelId).add(shown);
            byId.put(shown.id, shown);
            return json(messageJson(shown));
        }
        Shown shown = "@original".equals(messageId) ? interaction.original : byId.get(messageId);
        if (shown == null || !token.equals(shown.interactionToken)) {
            return error(404, 10008, "Unknown Message");
        }
        if (call.method().equals("PATCH")) {
            shown.thinking = false;
            apply(shown, call);
            return json(messageJson(shown));
        }
        if (call.method().equals("DELETE")) {
            screen(shown.channelId).remove(shown);
            return new MockResponse.Builder().code(204).build();
        }
        refused.add(call.method() + " on a webhook message");
        return error(405, 0, "405: Method Not Allowed");
    }

    private static void apply(Shown shown, Call call) {
        DataObject body = call.body();
        if (body.hasKey("content")) {
            shown.content = body.getString("content", "");
        }
        if (body.hasKey("embeds")) {
            DataArray embeds = body.getArray("embeds");
            for (int i = 0; i < embeds.length(); i++) {
                if (!embeds.getObject(i).hasKey("type")) {
                    embeds.getObject(i).put("type", "rich"); // as Discord stores it
                }
            }
            shown.embeds = embeds;
        }
        if (body.hasKey("components")) {
            shown.components = body.getArray("components");
        }
        if (body.hasKey("attachments") || !call.files().isEmpty()) {
            shown.files = call.files();
        }
        shown.allowedMentions = body.optObject("allowed_mentions").orElse(null);
        if (shown.history.isEmpty() && shown.allowedMentions != null) {
            shown.allowedMentionsAtCreation = shown.allowedMentions.toString();
        }
        shown.history.add(shown.content);
    }

    private DataObject messageJson(Shown shown) {
        Place place = place(shown.channelId);
        DataArray attachments = DataArray.empty();
        for (String name : shown.files) {
            attachments.add(Payloads.attachment(Payloads.snowflake(), name, 1, "video/mp4", server.url("/cdn/" + name).toString()));
        }
        DataObject json = Payloads.message(Long.parseUnsignedLong(shown.id), place, null, true, shown.content,
                List.of(), List.of())
                .put("embeds", shown.embeds)
                .put("components", shown.components)
                .put("attachments", attachments)
                .put("flags", shown.ephemeral ? 64 : 0);
        if (shown.interactionToken != null) {
            json.put("webhook_id", Long.toUnsignedString(Payloads.APP_ID))
                    .put("application_id", Long.toUnsignedString(Payloads.APP_ID));
        }
        return json;
    }

    private Place place(long channelId) {
        return guildChannels.stream().filter(p -> p.channelId() == channelId).findFirst().orElse(Place.dm(channelId));
    }

    private List<Shown> screen(long channelId) {
        return screens.computeIfAbsent(channelId, k -> new CopyOnWriteArrayList<>());
    }

    private static MockResponse json(DataObject body) {
        return new MockResponse.Builder().body(body.toString()).addHeader("Content-Type", "application/json").build();
    }

    private static MockResponse error(int status, int code, String message) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
                .body(DataObject.empty().put("code", code).put("message", message).toString()).build();
    }

    /** A request body: JSON, or multipart with payload_json and files. */
    private record Body(String raw, DataObject json, List<String> files, long fileBytes) {
        static Body of(RecordedRequest request) {
            ByteString bytes = request.getBody();
            if (bytes == null || bytes.size() == 0) {
                return new Body("", DataObject.empty(), List.of(), 0);
            }
            String type = request.getHeaders().get("Content-Type");
            if (type != null && type.startsWith("multipart/form-data")) {
                return multipart(bytes, type.substring(type.indexOf("boundary=") + "boundary=".length()));
            }
            String raw = bytes.utf8();
            return new Body(raw, raw.startsWith("{") ? DataObject.fromJson(raw) : DataObject.empty(), List.of(), 0);
        }

        private static Body multipart(ByteString bytes, String boundary) {
            String raw = "";
            List<String> files = new ArrayList<>();
            long fileBytes = 0;
            try (MultipartReader reader = new MultipartReader(new Buffer().write(bytes), boundary)) {
                MultipartReader.Part part;
                while ((part = reader.nextPart()) != null) {
                    String disposition = part.headers().get("Content-Disposition");
                    byte[] content = part.body().readByteArray();
                    if (disposition != null && disposition.contains("name=\"payload_json\"")) {
                        raw = new String(content, java.nio.charset.StandardCharsets.UTF_8);
                    } else if (disposition != null && disposition.contains("filename=\"")) {
                        int start = disposition.indexOf("filename=\"") + "filename=\"".length();
                        String name = disposition.substring(start, disposition.indexOf('"', start));
                        files.add(name);
                        fileBytes += content.length;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return new Body(raw, DataObject.fromJson(raw), files, fileBytes);
        }
    }
}
