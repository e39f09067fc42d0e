package com.reelay.discord;

import com.reelay.discord.Payloads.Person;
import com.reelay.discord.Payloads.Place;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * The gateway of {@link FakeDiscord}: each WebSocket says HELLO, acknowledges heartbeats and answers
 * IDENTIFY with READY and the guilds of its shard. It honours IDENTIFY's {@code shard: [id, total]} as
 * Discord does: a guild's events go only to the sessions of shard {@code (guild_id >> 22) % total},
 * DMs only to shard 0; a shard outside its total is closed with 4010 (invalid shard), and a total
 * below the bot's required minimum with 4011 (sharding required). A session without {@code shard} is
 * shard 0 of 1.
 */
final class FakeDiscordGateway {

    static final int INVALID_SHARD = 4010;
    static final int SHARDING_REQUIRED = 4011;

    private final String url;
    private final List<Long> guilds;
    private final List<Place> guildChannels;
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final List<DataObject> identifies = new CopyOnWriteArrayList<>();
    private final Map<Long, List<Integer>> deliveries = new ConcurrentHashMap<>();
    private final CountDownLatch identified = new CountDownLatch(1);
    /** Signalled whenever a session identifies or goes away. */
    private final Object sessionsChanged = new Object();
    private volatile int requiredShards = 1;
    private volatile boolean down;

    /** @param guilds the bot's servers, each with the channels of {@code guildChannels} that name it */
    FakeDiscordGateway(String url, List<Long> guilds, List<Place> guildChannels) {
        this.url = url;
        this.guilds = List.copyOf(guilds);
        this.guildChannels = List.copyOf(guildChannels);
    }

    /** A new connection, or null when the gateway is down. */
    WebSocketListener connect() {
        return down ? null : new Session();
    }

    /** From now on an IDENTIFY with fewer shards in total is closed with 4011, as past Discord's 2,500 servers. */
    void requireShards(int total) {
        requiredShards = total;
    }

    /** What {@code GET /gateway/bot} recommends: the least Discord accepts. */
    int recommendedShards() {
        return requiredShards;
    }

    boolean awaitIdentify(Duration timeout) throws InterruptedException {
        return identified.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The latest IDENTIFY's payload. */
    DataObject identify() {
        return identifies.isEmpty() ? null : identifies.get(identifies.size() - 1);
    }

    List<DataObject> identifies() {
        return List.copyOf(identifies);
    }

    /** The shards that have an identified session now, in order, each once. */
    List<Integer> online() {
        return sessions.stream().filter(s -> s.total > 0).map(s -> s.shard).distinct().sorted().toList();
    }

    /** Waits until exactly {@code shards} are online (e.g. after an instance closed its sessions). */
    boolean awaitOnline(List<Integer> shards, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (sessionsChanged) {
            while (!online().equals(shards)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(sessionsChanged, left);
            }
            return true;
        }
    }

    private void sessionsChanged() {
        synchronized (sessionsChanged) {
            sessionsChanged.notifyAll();
        }
    }

    /** The shard of each session an event (by its id) was sent to; empty when no session holds its shard. */
    List<Integer> deliveredTo(long eventId) {
        return List.copyOf(deliveries.getOrDefault(eventId, List.of()));
    }

    /**
     * Sends the event to the sessions of its guild's shard (DMs: shard 0), as Discord does.
     *
     * @throws IllegalStateException when no session has identified at all (the test forgot to connect)
     */
    void dispatch(String type, DataObject data) {
        List<Session> identifiedSessions = sessions.stream().filter(s -> s.total > 0).toList();
        if (identifiedSessions.isEmpty()) {
            throw new IllegalStateException("no gateway session");
        }
        Long guild = data.hasKey("guild_id") ? Long.parseUnsignedLong(data.getString("guild_id")) : null;
        List<Integer> to = new ArrayList<>();
        for (Session session : identifiedSessions) {
            if (session.holds(guild)) {
                session.send(type, data);
                to.add(session.shard);
            }
        }
        deliveries.put(Long.parseUnsignedLong(data.getString("id")), to);
    }

    /** Drops every session and refuses new ones, as when Discord or the network is down. */
    void drop() {
        down = true;
        sessions.forEach(s -> s.socket.close(4000, "gateway down"));
    }

    void close() {
        sessions.forEach(s -> s.socket.close(1000, "bye"));
    }

    /** Discord's rule for which shard a guild's events come on. */
    static int shardOf(long guildId, int total) {
        return (int) ((guildId >>> 22) % total);
    }

    private final class Session extends WebSocketListener {
        private final AtomicInteger sequence = new AtomicInteger();
        private volatile WebSocket socket;
        private volatile int shard;
        private volatile int total; // 0 until identified

        boolean holds(Long guild) {
            return guild == null ? shard == 0 : shardOf(guild, total) == shard;
        }

        void send(String type, DataObject data) {
            socket.send(DataObject.empty().put("op", 0).put("s", sequence.incrementAndGet()).put("t", type).put("d", data)
                    .toString());
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            socket = webSocket;
            sessions.add(this);
            webSocket.send("{\"op\":10,\"s\":null,\"t\":null,\"d\":{\"heartbeat_interval\":41250}}");
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            DataObject frame = DataObject.fromJson(text);
            switch (frame.getInt("op")) {
                case 1 -> webSocket.send("{\"op\":11,\"s\":null,\"t\":null,\"d\":null}");
                case 2 -> identify(frame.getObject("d"));
                default -> { }
            }
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            onMessage(webSocket, bytes.utf8());
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            gone();
            webSocket.close(1000, null);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            gone();
        }

        private void gone() {
            sessions.remove(this);
            sessionsChanged();
        }

        private void identify(DataObject payload) {
            identifies.add(payload);
            DataArray pair = payload.optArray("shard").orElse(DataArray.empty().add(0).add(1));
            int id = pair.getInt(0);
            int of = pair.getInt(1);
            if (of < 1 || id < 0 || id >= of) {
                close(INVALID_SHARD, "Invalid shard.");
            } else if (of < requiredShards) {
                close(SHARDING_REQUIRED, "Sharding required.");
            } else {
                shard = id;
                total = of;
                ready(payload.hasKey("shard"));
                sessionsChanged();
            }
            identified.countDown();
        }

        private void close(int code, String reason) {
            gone();
            socket.close(code, reason);
        }

        private void ready(boolean sharded) {
            List<Long> mine = guilds.stream().filter(this::holds).toList();
            DataArray unavailable = DataArray.empty();
            mine.forEach(g -> unavailable.add(DataObject.empty().put("id", Long.toUnsignedString(g)).put("unavailable", true)));
            DataObject ready = DataObject.empty()
                    .put("v", 10)
                    .put("user", Payloads.botUser())
                    .put("guilds", unavailable)
                    .put("session_id", UUID.randomUUID().toString().replace("-", ""))
                    .put("resume_gateway_url", url)
                    .put("private_channels", DataArray.empty())
                    .put("relationships", DataArray.empty())
                    .put("presences", DataArray.empty())
                    .put("application", DataObject.empty().put("id", Long.toUnsignedString(Payloads.APP_ID)).put("flags", 0))
                    .put("_trace", DataArray.empty().add("[\"fake-gateway\"]"));
            if (sharded) {
                ready.put("shard", DataArray.empty().add(shard).add(total));
            }
            send("READY", ready);
            mine.forEach(g -> send("GUILD_CREATE", guildCreate(g)));
        }
    }

    private DataObject guildCreate(long guildId) {
        String guild = Long.toUnsignedString(guildId);
        DataArray channels = DataArray.empty();
        for (Place p : guildChannels) {
            if (p.guildId() == guildId) {
                channels.add(Payloads.textChannel(p).remove("permissions"));
            }
        }
        return DataObject.empty()
                .put("id", guild)
                .put("name", "Reelay Test Server")
                .put("icon", null).put("splash", null).put("banner", null).put("description", null)
                .put("owner_id", "1100000000000000999")
                .put("afk_channel_id", null).put("afk_timeout", 300)
                .put("verification_level", 0).put("default_message_notifications", 1).put("explicit_content_filter", 0)
                .put("mfa_level", 0).put("nsfw_level", 0).put("premium_tier", 0).put("premium_subscription_count", 0)
                .put("premium_progress_bar_enabled", false)
                .put("system_channel_id", null).put("system_channel_flags", 0).put("rules_channel_id", null)
                .put("public_updates_channel_id", null).put("safety_alerts_channel_id", null)
                .put("vanity_url_code", null).put("preferred_locale", "en-US")
                .put("features", DataArray.empty())
                .put("max_members", 500000).put("max_presences", null)
                .put("member_count", 3).put("large", false).put("unavailable", false)
                .put("joined_at", "2024-05-01T10:00:00.000000+00:00")
                .put("roles", DataArray.empty().add(DataObject.empty()
                        .put("id", guild).put("name", "@everyone").put("color", 0).put("hoist", false).put("position", 0)
                        .put("permissions", Payloads.PERMISSIONS).put("managed", false).put("mentionable", false)
                        .put("flags", 0).put("icon", null).put("unicode_emoji", null)
                        .put("colors", DataObject.empty().put("primary_color", 0).put("secondary_color", null)
                                .put("tertiary_color", null))))
                .put("emojis", DataArray.empty()).put("stickers", DataArray.empty())
                .put("channels", channels).put("threads", DataArray.empty())
                .put("members", DataArray.empty().add(Payloads.member(new Person(Payloads.APP_ID, "reelay", "Reelay"))
                        .put("user", Payloads.botUser())))
                .put("voice_states", DataArray.empty()).put("presences", DataArray.empty())
                .put("stage_instances", DataArray.empty()).put("guild_scheduled_events", DataArray.empty())
                .put("soundboard_sounds", DataArray.empty());
    }
}
