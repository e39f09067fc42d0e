package com.reelay.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiscordSettingsTest {

    private static final String TOKEN = "MTE4NzY1NDMyMTA5ODc2NTQzMg.GzXyAb.s3cr3t-v4lu3_0f-th3-b0t";

    @Test
    void noTokenNoDiscord() {
        assertEquals(Optional.empty(), DiscordSettings.fromEnvironment(Map.of("DISCORD_API_BASE", "http://127.0.0.1:1/")));
        assertEquals(Optional.empty(), DiscordSettings.fromEnvironment(Map.of("DISCORD_BOT_TOKEN", "  ")));
    }

    @Test
    void defaultsAreDiscordsOwn() {
        DiscordSettings s = DiscordSettings.fromEnvironment(Map.of("DISCORD_BOT_TOKEN", TOKEN)).orElseThrow();

        assertEquals(DiscordSettings.defaults(TOKEN), s);
        assertEquals("https://discord.com/api/v10/", s.apiBase());
        assertEquals("wss://gateway.discord.gg/", s.gatewayUrl());
        assertEquals(SessionScope.CHANNEL, s.sessionScope());
        assertEquals(10L * 1024 * 1024, s.defaultUploadLimit());
        assertEquals(List.of(Duration.ofMinutes(15), Duration.ofSeconds(3), Duration.ofMinutes(1)),
                List.of(s.interactionTokenLifetime(), s.deferDeadline(), s.handoffMargin()));
    }

    @Test
    void theEnvironmentOverridesUrlsGuildsAndScope() {
        DiscordSettings s = DiscordSettings.fromEnvironment(Map.of(
                "DISCORD_BOT_TOKEN", TOKEN,
                "DISCORD_API_BASE", "http://127.0.0.1:8080/api/v10",
                "DISCORD_GATEWAY_URL", "ws://127.0.0.1:8080/gateway",
                "DISCORD_GUILD_IDS", "1100000000000000001, 1100000000000000002",
                "DISCORD_SESSION_SCOPE", "user")).orElseThrow();

        assertEquals("http://127.0.0.1:8080/api/v10/", s.apiBase());
        assertEquals("ws://127.0.0.1:8080/gateway", s.gatewayUrl());
        assertEquals(List.of(1_100_000_000_000_000_001L, 1_100_000_000_000_000_002L), s.guildIds());
        assertEquals(SessionScope.USER_IN_CHANNEL, s.sessionScope());
    }

    @Test
    void aBadValueNamesItsVariableAndNeverTheToken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DiscordSettings.fromEnvironment(Map.of(
                "DISCORD_BOT_TOKEN", TOKEN, "DISCORD_GUILD_IDS", "my-server")));
        assertTrue(e.getMessage().startsWith("DISCORD_GUILD_IDS:"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DiscordSettings.fromEnvironment(Map.of(
                "DISCORD_BOT_TOKEN", TOKEN, "DISCORD_GATEWAY_URL", "https://gateway"))).getMessage()
                .startsWith("DISCORD_GATEWAY_URL:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DiscordSettings.fromEnvironment(Map.of(
                "DISCORD_BOT_TOKEN", TOKEN, "DISCORD_SESSION_SCOPE", "guild"))).getMessage()
                .startsWith("DISCORD_SESSION_SCOPE:"));
        IllegalArgumentException spaced = assertThrows(IllegalArgumentException.class,
                () -> DiscordSettings.fromEnvironment(Map.of("DISCORD_BOT_TOKEN", "Bot " + TOKEN)));
        assertFalse(spaced.getMessage().contains(TOKEN));
    }

    @Test
    void theTokenNeverPrints() {
        assertFalse(DiscordSettings.defaults(TOKEN).toString().contains(TOKEN));
        assertFalse(DiscordSettings.defaults(TOKEN).toString().contains("s3cr3t"));
    }

    @Test
    void theHandoffMustComeBeforeTheTokenDies() {
        assertThrows(IllegalArgumentException.class, () -> DiscordSettings.defaults(TOKEN)
                .withInteractionDeadlines(Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(5)));
    }

    @org.junit.jupiter.api.Test
    void allowedGuildsLimitServersButNeverDirectMessages() {
        DiscordSettings open = DiscordSettings.defaults("bot.token.value");
        org.junit.jupiter.api.Assertions.assertTrue(open.serves(42L));
        DiscordSettings closed = new DiscordSettings("bot.token.value", open.apiBase(), open.gatewayUrl(), open.guildIds(),
                open.sessionScope(), open.defaultUploadLimit(), open.interactionTokenLifetime(), open.deferDeadline(),
                open.handoffMargin(), java.util.List.of(7L), open.sendMargin());
        org.junit.jupiter.api.Assertions.assertTrue(closed.serves(7L));
        org.junit.jupiter.api.Assertions.assertFalse(closed.serves(42L));
        org.junit.jupiter.api.Assertions.assertTrue(closed.serves(null), "DMs are for the guard rails' user lists");
    }
}
