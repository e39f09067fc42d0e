package com.reelay.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.reelay.discord.Payloads.Person;
import com.reelay.discord.Payloads.Place;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake gateway shards as Discord's does, seen by a bare WebSocket client: IDENTIFY's
 * {@code shard: [id, total]} decides which guilds a session gets, and wrong numbers are closed with
 * Discord's codes.
 */
class FakeDiscordGatewayTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long ON_SHARD_0 = Payloads.guildOnShard(0, 2);
    private static final long ON_SHARD_1 = Payloads.guildOnShard(1, 2);
    private static final Place CHANNEL_0 = Place.guildChannel(ON_SHARD_0, Payloads.snowflake());
    private static final Place CHANNEL_1 = Place.guildChannel(ON_SHARD_1, Payloads.snowflake());
    private static final Person ANA = new Person(Payloads.snowflake(), "ana", "Ana");

    private final OkHttpClient http = new OkHttpClient();
    private FakeDiscord discord;

    @BeforeEach
    void start() throws Exception {
        discord = new FakeDiscord(List.of(ON_SHARD_0, ON_SHARD_1), List.of(CHANNEL_0, CHANNEL_1), Duration.ofSeconds(3),
                Duration.ofMinutes(15));
    }

    @AfterEach
    void stop() throws Exception {
        discord.close();
        http.dispatcher().executorService().shutdown();
    }

    @Test
    void eachSessionGetsTheGuildsOfItsShardAndDmsGoToShardZero() throws Exception {
        Client zero = connect(DataArray.empty().add(0).add(2));
        Client one = connect(DataArray.empty().add(1).add(2));

        assertEquals(List.of(Long.toUnsignedString(ON_SHARD_0)), zero.readyGuilds());
        assertEquals(List.of(Long.toUnsignedString(ON_SHARD_1)), one.readyGuilds());
        assertEquals("[0,2]", zero.ready.getArray("shard").toString());

        FakeDiscord.Interaction onOne = discord.slashCommand(CHANNEL_1, ANA, "help", Map.of(), List.of());
        assertEquals(Long.toUnsignedString(onOne.id), one.next("INTERACTION_CREATE").getString("id"));
        FakeDiscord.Interaction inDm = discord.slashCommand(Place.dm(Payloads.snowflake()), ANA, "help", Map.of(), List.of());
        assertEquals(Long.toUnsignedString(inDm.id), zero.next("INTERACTION_CREATE").getString("id"),
                "shard 0 got nothing before the DM");
        assertEquals(List.of(1), discord.deliveredTo(onOne.id));
        assertEquals(List.of(0), discord.deliveredTo(inDm.id));
    }

    @Test
    void aSessionWithoutShardIsShardZeroOfOne() throws Exception {
        Client whole = connect(null);

        assertEquals(List.of(Long.toUnsignedString(ON_SHARD_0), Long.toUnsignedString(ON_SHARD_1)), whole.readyGuilds());
        assertFalse(whole.ready.hasKey("shard"), "Discord says no shard back either");
    }

    @Test
    void aShardOutsideItsTotalIsClosedWith4010() throws Exception {
        assertEquals(4010, connectRefused(DataArray.empty().add(2).add(2)));
        assertEquals(4010, connectRefused(DataArray.empty().add(0).add(0)));
    }

    @Test
    void tooFewShardsForTheBotAreClosedWith4011AndGatewayBotSaysHowMany() throws Exception {
        discord.requireShards(2);

        assertEquals(4011, connectRefused(null));
        assertEquals(4011, connectRefused(DataArray.empty().add(0).add(1)));
        assertNotNull(connect(DataArray.empty().add(0).add(2)).ready);
        try (var response = http.newCall(new Request.Builder().url(discord.apiBase() + "gateway/bot")
                .header("Authorization", "Bot " + FakeDiscord.BOT_TOKEN).build()).execute()) {
            DataObject gateway = DataObject.fromJson(response.body().string());
            assertEquals(2, gateway.getInt("shards"));
            assertEquals(discord.gatewayUrl(), gateway.getString("url"));
            assertEquals(1, gateway.getObject("session_start_limit").getInt("max_concurrency"));
        }
    }

    /** Connects, identifies with {@code shard} (null: none) and waits for READY. */
    private Client connect(DataArray shard) throws Exception {
        Client client = open(shard);
        client.ready = client.next("READY");
        return client;
    }

    /** Connects, identifies with {@code shard} and returns the code the gateway closed with. */
    private int connectRefused(DataArray shard) throws Exception {
        return open(shard).closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Client open(DataArray shard) {
        Client client = new Client();
        WebSocket socket = http.newWebSocket(new Request.Builder().url(discord.gatewayUrl()).build(), client);
        DataObject identify = DataObject.empty().put("token", FakeDiscord.BOT_TOKEN).put("intents", 1 << 9)
                .put("properties", DataObject.empty());
        if (shard != null) {
            identify.put("shard", shard);
        }
        socket.send(DataObject.empty().put("op", 2).put("d", identify).toString());
        return client;
    }

    /** A bare gateway client: the dispatches it received, in order, and how it was closed. */
    private static final class Client extends WebSocketListener {
        private final BlockingQueue<DataObject> dispatches = new LinkedBlockingQueue<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private DataObject ready;

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            DataObject frame = DataObject.fromJson(text);
            if (frame.getInt("op") == 0) {
                dispatches.add(frame);
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            closed.complete(code);
            webSocket.close(1000, null);
        }

        /** The next dispatch, which must be of {@code type}; GUILD_CREATEs are passed over. */
        DataObject next(String type) throws InterruptedException {
            while (true) {
                DataObject frame = dispatches.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertNotNull(frame, "no " + type + " within " + WAIT);
                if (!frame.getString("t").equals("GUILD_CREATE") || type.equals("GUILD_CREATE")) {
                    assertEquals(type, frame.getString("t"));
                    return frame.getObject("d");
                }
            }
        }

        List<String> readyGuilds() {
            return ready.getArray("guilds").stream(DataArray::getObject).map(g -> g.getString("id")).toList();
        }
    }
}
