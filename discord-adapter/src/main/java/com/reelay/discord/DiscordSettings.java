package com.reelay.discord;

import com.reelay.config.Section;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How Reelay runs on Discord: the {@code discord} section of the settings ({@link #SECTION}), owned
 * by this adapter and bound by the config module from YAML and the environment. Every wait Discord
 * imposes is a setting so tests can shrink it. {@link #toString()} never shows the token.
 *
 * @param botToken                 the bot token ({@code DISCORD_BOT_TOKEN})
 * @param apiBase                  REST base, passed to JDA's {@code RestConfig#setBaseUrl} ({@code DISCORD_API_BASE}):
 *                                 a rate-limit proxy, or a fake in tests
 * @param gatewayUrl               gateway WebSocket URL, served through the session controller ({@code DISCORD_GATEWAY_URL})
 * @param guildIds                 guilds that also get the commands registered directly, which shows them at once
 *                                 ({@code DISCORD_GUILD_IDS}, comma separated)
 * @param sessionScope             one project per channel, or per person in each channel ({@code DISCORD_SESSION_SCOPE})
 * @param defaultUploadLimit       largest file the bot posts when an interaction reports no limit (DMs, mentions)
 * @param interactionTokenLifetime how long an interaction's token can answer (Discord: 15 minutes)
 * @param deferDeadline            how long Discord waits for the first acknowledgement (Discord: 3 seconds)
 * @param handoffMargin            how long before the token dies its progress moves to a channel message
 * @param allowedGuildIds          servers the bot serves (empty: every server it is in); DMs are governed by the
 *                                 guard rails' user lists
 * @param sendMargin               added to the global limit's second, so the bot paces a little below Discord's
 *                                 50 requests a second
 * @param shardIds                 the gateway shards this instance runs ({@code DISCORD_SHARD_IDS}: {@code 0-3},
 *                                 {@code 0,2,5-7}); empty: all of {@code shardTotal}
 * @param shardTotal               how many shards the whole fleet splits Discord's servers into
 *                                 ({@code DISCORD_SHARD_TOTAL}); a server is on shard (id >> 22) % total
 */
public record DiscordSettings(
        String botToken,
        String apiBase,
        String gatewayUrl,
        List<Long> guildIds,
        SessionScope sessionScope,
        long defaultUploadLimit,
        Duration interactionTokenLifetime,
        Duration deferDeadline,
        Duration handoffMargin,
        List<Long> allowedGuildIds,
        Duration sendMargin,
        List<Integer> shardIds,
        int shardTotal) {

    /** The {@code discord} section: off until {@code discord.bot-token} ({@code DISCORD_BOT_TOKEN}) is set. */
    public static final Section.WhenSet<DiscordSettings> SECTION =
            Section.whenSet("discord", "bot-token", DiscordSettings.class, DiscordSettings::defaults);

    public static final String DEFAULT_API_BASE = "https://discord.com/api/v10/";
    public static final String DEFAULT_GATEWAY_URL = "wss://gateway.discord.gg/";
    public static final long DEFAULT_UPLOAD_LIMIT = 10L * 1024 * 1024;
    public static final Duration DEFAULT_SEND_MARGIN = Duration.ofMillis(20);

    public DiscordSettings {
        if (botToken == null || botToken.isBlank() || botToken.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("the Discord bot token must be set and contain no spaces");
        }
        if (apiBase == null || !apiBase.matches("(?i)https?://.+")) {
            throw new IllegalArgumentException("the Discord API base must be an http(s) URL, not \"" + apiBase + "\"");
        }
        apiBase = apiBase.endsWith("/") ? apiBase : apiBase + "/";
        if (gatewayUrl == null || !gatewayUrl.matches("(?i)wss?://.+")) {
            throw new IllegalArgumentException("the Discord gateway URL must be a ws(s) URL, not \"" + gatewayUrl + "\"");
        }
        guildIds = List.copyOf(guildIds);
        allowedGuildIds = allowedGuildIds == null ? List.of() : List.copyOf(allowedGuildIds);
        if (guildIds.stream().anyMatch(id -> id <= 0)) {
            throw new IllegalArgumentException("guild ids must be positive snowflakes");
        }
        if (sessionScope == null) {
            throw new IllegalArgumentException("session scope must be set");
        }
        if (defaultUploadLimit <= 0) {
            throw new IllegalArgumentException("the default upload limit must be positive");
        }
        if (!positive(interactionTokenLifetime) || !positive(deferDeadline) || handoffMargin == null
                || handoffMargin.isNegative() || handoffMargin.compareTo(interactionTokenLifetime) >= 0) {
            throw new IllegalArgumentException(
                    "interaction deadlines must be positive, with the handoff margin shorter than the token lifetime");
        }
        if (sendMargin == null || sendMargin.isNegative() || sendMargin.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("the send margin must be within 0..1 s: " + sendMargin);
        }
        if (shardTotal < 1) {
            throw new IllegalArgumentException("shard-total must be at least 1, got " + shardTotal);
        }
        shardIds = shardIds == null ? List.of() : shardIds.stream().distinct().sorted().toList();
        List<Integer> outside = shardIds.stream().filter(id -> id < 0 || id >= shardTotal).toList();
        if (!outside.isEmpty()) {
            throw new IllegalArgumentException("shard-ids must be within 0.." + (shardTotal - 1) + " (shard-total "
                    + shardTotal + "), not " + outside.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
    }

    /** Discord's own URLs and deadlines, one project per channel. */
    public static DiscordSettings defaults(String token) {
        return new DiscordSettings(token, DEFAULT_API_BASE, DEFAULT_GATEWAY_URL, List.of(), SessionScope.CHANNEL,
                DEFAULT_UPLOAD_LIMIT, Duration.ofMinutes(15), Duration.ofSeconds(3), Duration.ofMinutes(1), List.of(),
                DEFAULT_SEND_MARGIN, List.of(), 1);
    }

    /** The shards this instance runs, in order: {@link #shardIds()}, or every shard when none are named. */
    public List<Integer> shards() {
        return shardIds.isEmpty() ? IntStream.range(0, shardTotal).boxed().toList() : shardIds;
    }

    /** Whether this instance runs its shards through JDA's sharding rather than one plain session. */
    boolean sharded() {
        return shardTotal > 1 || !shardIds.isEmpty();
    }

    /** The shard Discord delivers {@code guildId}'s events on (Discord's rule; DMs come on shard 0). */
    int shardOf(long guildId) {
        return (int) ((guildId >>> 22) % shardTotal);
    }

    /** Whether events from {@code guildId} (null: a DM) are served. */
    public boolean serves(Long guildId) {
        return guildId == null || allowedGuildIds.isEmpty() || allowedGuildIds.contains(guildId);
    }

    @Override
    public String toString() {
        return "DiscordSettings[token=****, apiBase=" + apiBase + ", gatewayUrl=" + gatewayUrl + ", guildIds=" + guildIds + ", allowedGuildIds=" + allowedGuildIds
                + ", sessionScope=" + sessionScope + ", defaultUploadLimit=" + defaultUploadLimit
                + ", interactionTokenLifetime=" + interactionTokenLifetime + ", deferDeadline=" + deferDeadline
                + ", handoffMargin=" + handoffMargin + ", sendMargin=" + sendMargin + ", shardIds=" + shardIds
                + ", shardTotal=" + shardTotal + "]";
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }
}
