package com.reelay.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.config.ConfigException;
import com.reelay.config.ConfigLoader;
import com.reelay.config.Section;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiscordSettingsTest {

    private static final String TOKEN = "MTE4NzY1NDMyMTA5ODc2NTQzMg.GzXyAb.s3cr3t-v4lu3_0f-th3-b0t";

    /** {@code variables} (DISCORD_*) over the defaults, the token included, as the environment gives them. */
    private static DiscordSettings settings(Map<String, String> variables) throws ConfigException {
        Map<String, String> env = new HashMap<>(variables);
        env.putIfAbsent("DISCORD_BOT_TOKEN", TOKEN);
        return ConfigLoader.load(DiscordSettings.SECTION, env);
    }

    /** What an operator is told about {@code variables}. */
    private static String problems(Map<String, String> variables) {
        return assertThrows(ConfigException.class, () -> settings(variables)).problems().toString();
    }

    @Test
    void noTokenNoDiscord() throws Exception {
        List<Section<?>> discord = List.of(DiscordSettings.SECTION);
        assertEquals(Optional.empty(), ConfigLoader.load(Optional.empty(), Map.of("DISCORD_API_BASE", "http://127.0.0.1:1/"),
                discord).find(DiscordSettings.SECTION));
        assertEquals(Optional.empty(), ConfigLoader.load(Optional.empty(), Map.of("DISCORD_BOT_TOKEN", "  "), discord)
                .find(DiscordSettings.SECTION));
    }

    @Test
    void defaultsAreDiscordsOwn() throws Exception {
        DiscordSettings s = settings(Map.of());

        assertEquals(DiscordSettings.defaults(TOKEN), s);
        assertEquals("https://discord.com/api/v10/", s.apiBase());
        assertEquals("wss://gateway.discord.gg/", s.gatewayUrl());
        assertEquals(SessionScope.CHANNEL, s.sessionScope());
        assertEquals(10L * 1024 * 1024, s.defaultUploadLimit());
        assertEquals(List.of(Duration.ofMinutes(15), Duration.ofSeconds(3), Duration.ofMinutes(1)),
                List.of(s.interactionTokenLifetime(), s.deferDeadline(), s.handoffMargin()));
    }

    @Test
    void theEnvironmentOverridesUrlsGuildsAndScope() throws Exception {
        DiscordSettings s = settings(Map.of(
                "DISCORD_API_BASE", "http://127.0.0.1:8080/api/v10",
                "DISCORD_GATEWAY_URL", "ws://127.0.0.1:8080/gateway",
                "DISCORD_GUILD_IDS", "1100000000000000001, 1100000000000000002",
                "DISCORD_ALLOWED_GUILD_IDS", "1100000000000000003",
                "DISCORD_SESSION_SCOPE", "user-in-channel"));

        assertEquals("http://127.0.0.1:8080/api/v10/", s.apiBase());
        assertEquals("ws://127.0.0.1:8080/gateway", s.gatewayUrl());
        assertEquals(List.of(1_100_000_000_000_000_001L, 1_100_000_000_000_000_002L), s.guildIds());
        assertEquals(List.of(1_100_000_000_000_000_003L), s.allowedGuildIds());
        assertEquals(SessionScope.USER_IN_CHANNEL, s.sessionScope());
    }

    @Test
    void aBadValueNamesItsSettingAndNeverTheToken() {
        assertEquals("[discord.guild-ids[0]: expected a whole number, got \"my-server\"]",
                problems(Map.of("DISCORD_GUILD_IDS", "my-server")));
        assertEquals("[discord.guild-ids[0]: expected a whole number, got \"1100000000000000001 1100000000000000002\"]",
                problems(Map.of("DISCORD_GUILD_IDS", "1100000000000000001 1100000000000000002")),
                "ids are separated by commas, as every list in the settings");
        assertEquals("[discord: the Discord gateway URL must be a ws(s) URL, not \"https://gateway\"]",
                problems(Map.of("DISCORD_GATEWAY_URL", "https://gateway")));
        assertTrue(problems(Map.of("DISCORD_SESSION_SCOPE", "guild")).startsWith("[discord.session-scope:"));
        String spaced = problems(Map.of("DISCORD_BOT_TOKEN", "Bot " + TOKEN));
        assertEquals("[discord: the Discord bot token must be set and contain no spaces]", spaced);
    }

    @Test
    void theShardVariablesKeepTheirNames() {
        assertTrue(DiscordSettings.SECTION.variables().containsAll(List.of("DISCORD_SHARD_IDS", "DISCORD_SHARD_TOTAL")),
                DiscordSettings.SECTION.variables().toString());
    }

    @Test
    void withoutShardSettingsOneInstanceRunsTheOneShard() throws Exception {
        DiscordSettings s = settings(Map.of());

        assertEquals(List.of(), s.shardIds());
        assertEquals(1, s.shardTotal());
        assertEquals(List.of(0), s.shards());
        assertFalse(s.sharded(), "one plain gateway session, as before sharding");
    }

    @Test
    void noShardIdsMeansEveryShardOfTheTotal() throws Exception {
        DiscordSettings s = settings(Map.of("DISCORD_SHARD_TOTAL", "4"));

        assertEquals(List.of(0, 1, 2, 3), s.shards());
        assertTrue(s.sharded());
        assertEquals(List.of(0, 1, 2, 3), settings(Map.of("DISCORD_SHARD_TOTAL", "4", "DISCORD_SHARD_IDS", " ")).shards(),
                "blank is unset");
    }

    @Test
    void shardIdsAreRangesAndListsWithinTheTotal() throws Exception {
        assertEquals(List.of(0, 1), settings(Map.of("DISCORD_SHARD_IDS", "0-1", "DISCORD_SHARD_TOTAL", "4")).shards());
        assertEquals(List.of(2, 3), settings(Map.of("DISCORD_SHARD_IDS", "2-3", "DISCORD_SHARD_TOTAL", "4")).shards());
        assertEquals(List.of(0, 2, 5, 6, 7), settings(Map.of("DISCORD_SHARD_IDS", "0,2,5-7", "DISCORD_SHARD_TOTAL", "8"))
                .shards());
        assertEquals(List.of(1, 2, 3), settings(Map.of("DISCORD_SHARD_IDS", "3,1-2,2", "DISCORD_SHARD_TOTAL", "4"))
                .shards(), "in order, each once");
        DiscordSettings one = settings(Map.of("DISCORD_SHARD_IDS", "0", "DISCORD_SHARD_TOTAL", "1"));
        assertEquals(List.of(0), one.shards());
        assertTrue(one.sharded(), "named ids go through JDA's sharding even for one shard");
    }

    @Test
    void badShardSettingsNameTheirKey() {
        assertEquals("[discord: shard-ids must be within 0..3 (shard-total 4), not 4, 5]",
                problems(Map.of("DISCORD_SHARD_IDS", "3-5", "DISCORD_SHARD_TOTAL", "4")));
        assertEquals("[discord: shard-ids must be within 0..0 (shard-total 1), not 2]",
                problems(Map.of("DISCORD_SHARD_IDS", "2")), "the total defaults to 1, not to the largest id");
        assertEquals("[discord.shard-ids: expected whole numbers and ranges such as 0-3 or 0,2,5-7, got \"0..3\"]",
                problems(Map.of("DISCORD_SHARD_IDS", "0..3", "DISCORD_SHARD_TOTAL", "4")));
        assertEquals("[discord.shard-ids: the range 3-0 runs backwards (write 0-3)]",
                problems(Map.of("DISCORD_SHARD_IDS", "3-0", "DISCORD_SHARD_TOTAL", "4")));
        assertEquals("[discord.shard-ids: expected whole numbers and ranges such as 0-3 or 0,2,5-7, got \",\"]",
                problems(Map.of("DISCORD_SHARD_IDS", ",", "DISCORD_SHARD_TOTAL", "4")), "an empty list is a mistake");
        assertEquals("[discord: shard-total must be at least 1, got 0]", problems(Map.of("DISCORD_SHARD_TOTAL", "0")));
        assertEquals("[discord.shard-total: expected a whole number, got \"four\"]",
                problems(Map.of("DISCORD_SHARD_TOTAL", "four")));
    }

    @Test
    void aServerIsOnTheShardOfItsIdsTimestamp() throws Exception {
        DiscordSettings four = settings(Map.of("DISCORD_SHARD_TOTAL", "4"));
        long created = 1_000_000_001L; // milliseconds since Discord's epoch, the high bits of the id
        long guild = (created << 22) | 0x2A_0001L;

        assertEquals(1, four.shardOf(guild), "(guild_id >> 22) % shard_total");
        assertEquals(0, DiscordSettings.defaults(TOKEN).shardOf(guild));
    }

    @Test
    void theTokenNeverPrints() {
        assertFalse(DiscordSettings.defaults(TOKEN).toString().contains(TOKEN));
        assertFalse(DiscordSettings.defaults(TOKEN).toString().contains("s3cr3t"));
    }

    @Test
    void theHandoffMustComeBeforeTheTokenDies() {
        assertEquals("[discord: interaction deadlines must be positive, with the handoff margin shorter than the token lifetime]",
                problems(Map.of("DISCORD_INTERACTION_TOKEN_LIFETIME", "5s", "DISCORD_HANDOFF_MARGIN", "5s")));
    }

    @org.junit.jupiter.api.Test
    void allowedGuildsLimitServersButNeverDirectMessages() {
        DiscordSettings open = DiscordSettings.defaults("bot.token.value");
        org.junit.jupiter.api.Assertions.assertTrue(open.serves(42L));
        DiscordSettings closed = new DiscordSettings("bot.token.value", open.apiBase(), open.gatewayUrl(), open.guildIds(),
                open.sessionScope(), open.defaultUploadLimit(), open.interactionTokenLifetime(), open.deferDeadline(),
                open.handoffMargin(), java.util.List.of(7L), open.sendMargin(), open.shardIds(), open.shardTotal());
        org.junit.jupiter.api.Assertions.assertTrue(closed.serves(7L));
        org.junit.jupiter.api.Assertions.assertFalse(closed.serves(42L));
        org.junit.jupiter.api.Assertions.assertTrue(closed.serves(null), "DMs are for the guard rails' user lists");
    }
}
