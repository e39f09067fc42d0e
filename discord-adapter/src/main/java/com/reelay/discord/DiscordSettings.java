package com.reelay.discord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How Reelay runs on Discord. Owned by this adapter; the config module binds it from YAML and
 * {@link #fromEnvironment(Map)} from the environment. Every wait Discord imposes is a setting so
 * tests can shrink it. {@link #toString()} never shows the token.
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
        Duration sendMargin) {

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
    }

    /** Discord's own URLs and deadlines, one project per channel. */
    public static DiscordSettings defaults(String token) {
        return new DiscordSettings(token, DEFAULT_API_BASE, DEFAULT_GATEWAY_URL, List.of(), SessionScope.CHANNEL,
                DEFAULT_UPLOAD_LIMIT, Duration.ofMinutes(15), Duration.ofSeconds(3), Duration.ofMinutes(1), List.of(),
                DEFAULT_SEND_MARGIN);
    }

    /**
     * Reads {@code DISCORD_BOT_TOKEN} (empty result when unset: the adapter is off), {@code DISCORD_API_BASE},
     * {@code DISCORD_GATEWAY_URL}, {@code DISCORD_GUILD_IDS} and {@code DISCORD_SESSION_SCOPE}.
     *
     * @throws IllegalArgumentException naming the variable that is wrong
     */
    public static Optional<DiscordSettings> fromEnvironment(Map<String, String> env) {
        String token = env.getOrDefault("DISCORD_BOT_TOKEN", "").strip();
        if (token.isEmpty()) {
            return Optional.empty();
        }
        DiscordSettings s;
        try {
            s = defaults(token);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DISCORD_BOT_TOKEN: " + e.getMessage());
        }
        String apiBase = value(env, "DISCORD_API_BASE");
        if (!apiBase.isEmpty()) {
            s = wrap("DISCORD_API_BASE", s, x -> x.withApiBase(apiBase));
        }
        String gateway = value(env, "DISCORD_GATEWAY_URL");
        if (!gateway.isEmpty()) {
            s = wrap("DISCORD_GATEWAY_URL", s, x -> x.withGatewayUrl(gateway));
        }
        String guilds = value(env, "DISCORD_GUILD_IDS");
        if (!guilds.isEmpty()) {
            s = wrap("DISCORD_GUILD_IDS", s, x -> x.withGuildIds(parseIds(guilds)));
        }
        String scope = value(env, "DISCORD_SESSION_SCOPE");
        if (!scope.isEmpty()) {
            s = wrap("DISCORD_SESSION_SCOPE", s, x -> x.withSessionScope(SessionScope.parse(scope)));
        }
        return Optional.of(s);
    }

    public DiscordSettings withApiBase(String base) {
        return new DiscordSettings(botToken, base, gatewayUrl, guildIds, sessionScope, defaultUploadLimit,
                interactionTokenLifetime, deferDeadline, handoffMargin, allowedGuildIds, sendMargin);
    }

    public DiscordSettings withGatewayUrl(String url) {
        return new DiscordSettings(botToken, apiBase, url, guildIds, sessionScope, defaultUploadLimit,
                interactionTokenLifetime, deferDeadline, handoffMargin, allowedGuildIds, sendMargin);
    }

    public DiscordSettings withGuildIds(List<Long> ids) {
        return new DiscordSettings(botToken, apiBase, gatewayUrl, ids, sessionScope, defaultUploadLimit,
                interactionTokenLifetime, deferDeadline, handoffMargin, allowedGuildIds, sendMargin);
    }

    public DiscordSettings withSessionScope(SessionScope scope) {
        return new DiscordSettings(botToken, apiBase, gatewayUrl, guildIds, scope, defaultUploadLimit,
                interactionTokenLifetime, deferDeadline, handoffMargin, allowedGuildIds, sendMargin);
    }

    public DiscordSettings withDefaultUploadLimit(long bytes) {
        return new DiscordSettings(botToken, apiBase, gatewayUrl, guildIds, sessionScope, bytes,
                interactionTokenLifetime, deferDeadline, handoffMargin, allowedGuildIds, sendMargin);
    }

    /** Shrinks (or restores) Discord's interaction deadlines. */
    public DiscordSettings withInteractionDeadlines(Duration tokenLifetime, Duration defer, Duration margin) {
        return new DiscordSettings(botToken, apiBase, gatewayUrl, guildIds, sessionScope, defaultUploadLimit,
                tokenLifetime, defer, margin, allowedGuildIds, sendMargin);
    }

    public DiscordSettings withSendMargin(Duration margin) {
        return new DiscordSettings(botToken, apiBase, gatewayUrl, guildIds, sessionScope, defaultUploadLimit,
                interactionTokenLifetime, deferDeadline, handoffMargin, allowedGuildIds, margin);
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
                + ", handoffMargin=" + handoffMargin + ", sendMargin=" + sendMargin + "]";
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null ? "" : v.strip();
    }

    private static List<Long> parseIds(String text) {
        List<Long> ids = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                ids.add(Long.parseUnsignedLong(part));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + part + "\" is not a guild id");
            }
        }
        return ids;
    }

    private interface Change {
        DiscordSettings apply(DiscordSettings s);
    }

    private static DiscordSettings wrap(String variable, DiscordSettings s, Change change) {
        try {
            return change.apply(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + ": " + e.getMessage());
        }
    }
}
