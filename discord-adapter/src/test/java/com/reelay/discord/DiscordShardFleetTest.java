package com.reelay.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.testing.SimulatedNemo;
import com.reelay.discord.FakeDiscord.Interaction;
import com.reelay.discord.Payloads.Person;
import com.reelay.discord.Payloads.Place;
import com.reelay.core.chat.ChatRef;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Reelay instances split a bot's four Discord shards (A runs 0-1, B runs 2-3) on one fake
 * gateway that shards as Discord does: a server's interactions reach only the instance holding its
 * shard, which acknowledges them; DMs reach the holder of shard 0; the commands are registered once.
 * The last test runs the same two instances without the split, to show what the others would catch.
 */
class DiscordShardFleetTest {

    private static final int TOTAL = 4;
    private static final Map<String, String> A = Map.of("DISCORD_SHARD_IDS", "0-1", "DISCORD_SHARD_TOTAL", "4");
    private static final Map<String, String> B = Map.of("DISCORD_SHARD_IDS", "2-3", "DISCORD_SHARD_TOTAL", "4");
    /** One server on each shard: {@code SERVERS.get(n)} is served on shard n. */
    private static final List<Long> SERVERS = IntStream.range(0, TOTAL).mapToObj(n -> Payloads.guildOnShard(n, TOTAL)).toList();
    private static final List<Place> CHANNELS = SERVERS.stream().map(g -> Place.guildChannel(g, Payloads.snowflake())).toList();
    private static final Place DM = Place.dm(Payloads.snowflake());
    private static final Person ANA = new Person(Payloads.snowflake(), "ana", "Ana");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private FakeDiscord discord;
    private SimulatedNemo nemo;
    private final List<ReelayInstance> instances = new ArrayList<>();

    @BeforeEach
    void startDiscordAndNemo() throws Exception {
        DiscordSettings discordDeadlines = DiscordSettings.defaults(FakeDiscord.BOT_TOKEN);
        discord = new FakeDiscord(SERVERS, CHANNELS, discordDeadlines.deferDeadline(),
                discordDeadlines.interactionTokenLifetime());
        discord.identifyConcurrency(TOTAL); // as Discord grants large bots: the shards connect at once, not 5 s apart
        nemo = ReelayRig.simulator(b -> b);
    }

    @AfterEach
    void stop() throws Exception {
        closeInstances();
        nemo.close();
        discord.close();
    }

    @Test
    void eachServersInteractionsReachOnlyTheInstanceHoldingItsShard() throws Exception {
        ReelayInstance a = start("a", A);
        ReelayInstance b = start("b", B);
        assertEquals(List.of(0, 1), a.frontEnd().shards());
        assertEquals(List.of(2, 3), b.frontEnd().shards());
        assertEquals(List.of(0, 1), a.frontEnd().connectedShards());
        assertEquals(List.of(2, 3), b.frontEnd().connectedShards());
        assertEquals(List.of("[0,4]", "[1,4]", "[2,4]", "[3,4]"), discord.identifies().stream()
                .map(identify -> identify.getArray("shard").toString()).sorted().toList());

        for (int shard = 0; shard < TOTAL; shard++) {
            Interaction help = discord.slashCommand(CHANNELS.get(shard), ANA, "help", Map.of(), List.of());
            answered(help);
            assertEquals(List.of(shard), discord.deliveredTo(help.id), "only the session of shard " + shard);
        }
        Interaction inDm = discord.slashCommand(DM, ANA, "help", Map.of(), List.of());
        answered(inDm);
        assertEquals(List.of(0), discord.deliveredTo(inDm.id), "DMs come on shard 0");

        // A mention on A's second shard: A answers in the channel, which that shard's cache holds.
        Place onShardOne = CHANNELS.get(1);
        long mention = discord.postMessage(onShardOne, ANA, "<@" + Payloads.APP_ID + "> credits", List.of(),
                List.of(new Person(Payloads.APP_ID, "reelay", "Reelay")));
        discord.await(onShardOne.channelId(), ANA.id(), m -> m.author == 0 && m.text().contains("Credits:"), WAIT);
        assertEquals(List.of(1), discord.deliveredTo(mention));
        assertEquals(List.of(), discord.refused(), "each interaction acknowledged once, within Discord's 3 s");

        // Which of a dead instance's chats each could take over: those its shards hold, and DMs for shard 0's holder.
        ChatRef onOne = new ChatRef("discord", Long.toUnsignedString(CHANNELS.get(1).channelId()));
        ChatRef onThree = new ChatRef("discord", Long.toUnsignedString(CHANNELS.get(3).channelId()));
        ChatRef dm = new ChatRef("discord", Long.toUnsignedString(DM.channelId()) + ":" + Long.toUnsignedString(ANA.id()));
        assertEquals(List.of(true, false, true), List.of(a.frontEnd().reaches(onOne), a.frontEnd().reaches(onThree),
                a.frontEnd().reaches(dm)));
        assertEquals(List.of(false, true, false), List.of(b.frontEnd().reaches(onOne), b.frontEnd().reaches(onThree),
                b.frontEnd().reaches(dm)));
    }

    @Test
    void commandsAreRegisteredOnceForTheWholeFleet() throws Exception {
        long onShardOne = SERVERS.get(1);
        long onShardThree = SERVERS.get(3);
        Map<String, String> guilds = Map.of("DISCORD_GUILD_IDS", onShardOne + "," + onShardThree);
        start("a", with(A, guilds));
        start("b", with(B, guilds));

        discord.awaitCall(c -> c.method().equals("PUT") && c.path().endsWith("/" + Payloads.APP_ID + "/commands"), WAIT);
        discord.awaitCall(c -> c.method().equals("PUT") && c.path().endsWith("/guilds/" + onShardOne + "/commands"), WAIT);
        discord.awaitCall(c -> c.method().equals("PUT") && c.path().endsWith("/guilds/" + onShardThree + "/commands"), WAIT);
        closeInstances(); // whatever either instance had queued has gone out now

        assertEquals(Map.of("global", 1L, Long.toUnsignedString(onShardOne), 1L, Long.toUnsignedString(onShardThree), 1L),
                discord.commandRegistrationCalls());
    }

    @Test
    void whileAnInstanceIsDownTheServersOfItsShardsAreNotServedUntilOneWithTheRangeStarts() throws Exception {
        ReelayInstance a = start("a", A);
        ReelayInstance b = start("b", B);

        close(b);
        assertTrue(discord.awaitOnline(List.of(0, 1), WAIT), "shards 2 and 3 left with B");
        Interaction lost = discord.slashCommand(CHANNELS.get(2), ANA, "help", Map.of(), List.of());
        Interaction kept = discord.slashCommand(CHANNELS.get(0), ANA, "help", Map.of(), List.of());
        answered(kept);
        assertEquals(List.of(), discord.deliveredTo(lost.id), "Discord shows \"The application did not respond\"");
        assertNull(lost.acknowledgedAt);
        assertEquals(List.of(0, 1), a.frontEnd().connectedShards());

        start("b-again", B);
        Interaction back = discord.slashCommand(CHANNELS.get(2), ANA, "help", Map.of(), List.of());
        answered(back);
        assertEquals(List.of(2), discord.deliveredTo(back.id));
    }

    /** What the tests above would catch: two instances that do not split the shards both get every server. */
    @Test
    void withoutTheSplitBothInstancesReceiveEveryServerAndRegisterTheCommandsTwice() throws Exception {
        start("a", Map.of());
        start("b", Map.of());

        Interaction help = discord.slashCommand(CHANNELS.get(2), ANA, "help", Map.of(), List.of());
        answered(help);
        assertEquals(List.of(0, 0), discord.deliveredTo(help.id), "both sessions are shard 0 of 1");
        // Both acknowledge; the second one's call may still be on its way when the first is answered.
        discord.awaitCall(any -> discord.calls().stream()
                .filter(c -> c.path().contains(help.token) && c.path().endsWith("/callback")).count() >= 2, WAIT);
        closeInstances();

        assertEquals(2L, discord.commandRegistrationCalls().get("global"));
        assertTrue(discord.refused().contains("acknowledged twice"), discord.refused().toString());
    }

    private ReelayInstance start(String name, Map<String, String> settings) throws Exception {
        ReelayInstance instance = ReelayInstance.start(dir.resolve(name), discord, nemo, ReelayRig.NEMO_TOKEN, settings,
                Clock.systemUTC());
        instances.add(instance);
        assertTrue(instance.frontEnd().awaitReady(WAIT), name + " connected all its shards");
        return instance;
    }

    private void close(ReelayInstance instance) {
        instances.remove(instance);
        instance.close();
    }

    private void closeInstances() {
        List.copyOf(instances).forEach(this::close);
    }

    /** The interaction's deferred reply now shows the help, so it was acknowledged in time and answered. */
    private void answered(Interaction interaction) throws InterruptedException {
        discord.await(interaction.place.channelId(), interaction.person.id(),
                m -> m == interaction.original && !m.thinking && m.text().contains("/export"), WAIT);
    }

    private static Map<String, String> with(Map<String, String> settings, Map<String, String> more) {
        Map<String, String> all = new HashMap<>(settings);
        all.putAll(more);
        return all;
    }
}
