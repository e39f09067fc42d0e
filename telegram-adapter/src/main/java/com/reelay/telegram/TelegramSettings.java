package com.reelay.telegram;

import com.reelay.config.Section;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the Telegram front end needs to run: the {@code telegram} section of the settings
 * ({@link #SECTION}), bound by the config module. Every component is checked here with a message
 * that never repeats a secret.
 *
 * @param botToken              the token from @BotFather; it ends up in every Bot API URL
 * @param apiBase               Bot API server, {@code https://api.telegram.org} or a local Bot API server
 * @param updateMode            long polling (default) or a webhook
 * @param webhook               where Telegram posts updates; required in webhook mode, else null
 * @param attachVideos          whether finished videos are sent as files (the link is always sent)
 * @param videoUploadLimitBytes largest video the bot uploads (Telegram: 50 MB on the cloud Bot API)
 * @param localBotApi           {@code apiBase} is a local Bot API server, which hands over files up to
 *                              2000 MB instead of 20 MB and may answer getFile with a local path
 * @param outbox                how fast the bot may send
 * @param albumDebounce         how long to wait for the next item of an album before treating it as complete
 * @param botUsername           the bot's @username without the @, or empty to ask Telegram (getMe) at start
 */
public record TelegramSettings(
        String botToken,
        String apiBase,
        UpdateMode updateMode,
        Webhook webhook,
        boolean attachVideos,
        long videoUploadLimitBytes,
        boolean localBotApi,
        OutboxLimits outbox,
        Duration albumDebounce,
        String botUsername) {

    public static final String DEFAULT_API_BASE = "https://api.telegram.org";
    /** What bots may upload through the cloud Bot API. */
    public static final long CLOUD_UPLOAD_LIMIT_BYTES = 50L * 1024 * 1024;
    /** What bots may download (getFile) through the cloud Bot API. */
    public static final long CLOUD_DOWNLOAD_LIMIT_BYTES = 20L * 1024 * 1024;
    /** What a local Bot API server lets bots upload and download. */
    public static final long LOCAL_SERVER_FILE_LIMIT_BYTES = 2000L * 1024 * 1024;

    /** The {@code telegram} section: off until {@code telegram.bot-token} ({@code TELEGRAM_BOT_TOKEN}) is set. */
    public static final Section.WhenSet<TelegramSettings> SECTION =
            Section.whenSet("telegram", "bot-token", TelegramSettings.class, TelegramSettings::defaults);

    private static final Pattern TOKEN_SHAPE = Pattern.compile("\\d+:[A-Za-z0-9_-]+");
    private static final Pattern SECRET_SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern USERNAME_SHAPE = Pattern.compile("[A-Za-z0-9_]{3,64}");

    /** How updates reach the bot. */
    public enum UpdateMode {
        /** The bot asks Telegram (getUpdates); needs no public address. One instance per token. */
        LONG_POLLING,
        /** Telegram posts to a public HTTPS URL; lets several instances run behind a load balancer. */
        WEBHOOK
    }

    /**
     * @param url           the public HTTPS URL Telegram posts to (a proxy may forward it to this process)
     * @param listenPort    the local port this process listens on (0: any free port)
     * @param secretToken   sent by Telegram in {@code X-Telegram-Bot-Api-Secret-Token}; requests without it are refused
     * @param headerTimeout a connection must deliver a request's headers within this (slow senders are cut off);
     *                      null: {@link #DEFAULT_HEADER_TIMEOUT}
     * @param idleTimeout   a connection silent this long is closed; null: {@link #DEFAULT_IDLE_TIMEOUT}
     * @param maxInFlight   requests handled at once; more are answered 503 (Telegram sends them again);
     *                      0: {@link #DEFAULT_MAX_IN_FLIGHT}
     */
    public record Webhook(String url, int listenPort, String secretToken, Duration headerTimeout, Duration idleTimeout,
                          int maxInFlight) {

        public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
        public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
        /** Telegram opens at most 40 connections per bot (setWebhook max_connections, 40 by default). */
        public static final int DEFAULT_MAX_IN_FLIGHT = 40;

        /** The defaults for timeouts and requests in flight. */
        public Webhook(String url, int listenPort, String secretToken) {
            this(url, listenPort, secretToken, null, null, 0);
        }

        public Webhook {
            headerTimeout = headerTimeout == null ? DEFAULT_HEADER_TIMEOUT : headerTimeout;
            idleTimeout = idleTimeout == null ? DEFAULT_IDLE_TIMEOUT : idleTimeout;
            maxInFlight = maxInFlight == 0 ? DEFAULT_MAX_IN_FLIGHT : maxInFlight;
            if (headerTimeout.isNegative() || headerTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("webhook headerTimeout and idleTimeout must be positive");
            }
            if (maxInFlight < 0) {
                throw new IllegalArgumentException("webhook maxInFlight must be positive (0: the default "
                        + DEFAULT_MAX_IN_FLIGHT + "): " + maxInFlight);
            }
            URI uri = parse(url, "webhook url");
            if (!"https".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("webhook url must be https (Telegram only posts to HTTPS): " + url);
            }
            if (listenPort < 0 || listenPort > 65535) {
                throw new IllegalArgumentException("webhook listenPort must be within 0..65535: " + listenPort);
            }
            if (secretToken == null || !SECRET_SHAPE.matcher(secretToken).matches()) {
                throw new IllegalArgumentException(
                        "webhook secretToken must be 1-256 characters of A-Z, a-z, 0-9, _ and -");
            }
        }

        /** The path Telegram posts to, which this process serves. */
        public String path() {
            String path = URI.create(url).getRawPath();
            return path == null || path.isEmpty() ? "/" : path;
        }

        @Override
        public String toString() {
            return "Webhook[url=" + url + ", listenPort=" + listenPort + ", secretToken=***, headerTimeout="
                    + headerTimeout + ", idleTimeout=" + idleTimeout + ", maxInFlight=" + maxInFlight + "]";
        }
    }

    /** At most {@code messages} per {@code per}. */
    public record Rate(int messages, Duration per) {

        public Rate {
            if (messages < 1 || per == null || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("a rate needs at least 1 message per a positive duration");
            }
        }
    }

    /**
     * Telegram's published limits: about one message per second in a chat, 20 per minute in a
     * group, 30 per second overall. Edits count as messages. {@code margin} is added to every
     * period, so the bot paces a little below each limit.
     */
    public record OutboxLimits(Rate perChat, Rate perGroup, Rate global, Duration margin) {

        public static final Duration DEFAULT_MARGIN = Duration.ofMillis(20);

        public OutboxLimits {
            Objects.requireNonNull(perChat, "perChat");
            Objects.requireNonNull(perGroup, "perGroup");
            Objects.requireNonNull(global, "global");
            if (margin == null || margin.isNegative() || margin.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("the outbox margin must be within 0..1 s: " + margin);
            }
        }

        public OutboxLimits(Rate perChat, Rate perGroup, Rate global) {
            this(perChat, perGroup, global, DEFAULT_MARGIN);
        }

        public static OutboxLimits telegramDefaults() {
            return new OutboxLimits(new Rate(1, Duration.ofSeconds(1)), new Rate(20, Duration.ofMinutes(1)),
                    new Rate(30, Duration.ofSeconds(1)));
        }
    }

    public TelegramSettings {
        if (botToken == null || !TOKEN_SHAPE.matcher(botToken).matches()) {
            throw new IllegalArgumentException("the Telegram bot token is missing or malformed (expected <digits>:<secret>)");
        }
        apiBase = apiBase == null || apiBase.isBlank() ? DEFAULT_API_BASE : stripSlash(apiBase.strip());
        URI base = parse(apiBase, "Telegram API base");
        if (!"http".equalsIgnoreCase(base.getScheme()) && !"https".equalsIgnoreCase(base.getScheme())) {
            throw new IllegalArgumentException("Telegram API base must be http or https: " + apiBase);
        }
        if (base.getRawPath() != null && !base.getRawPath().isEmpty()) {
            // telegrambots builds method URLs from scheme, host and port only.
            throw new IllegalArgumentException("Telegram API base must not have a path: " + apiBase);
        }
        Objects.requireNonNull(updateMode, "updateMode");
        if (updateMode == UpdateMode.WEBHOOK && webhook == null) {
            throw new IllegalArgumentException("webhook mode needs a webhook url, listen port and secret token");
        }
        long uploadCeiling = localBotApi ? LOCAL_SERVER_FILE_LIMIT_BYTES : CLOUD_UPLOAD_LIMIT_BYTES;
        if (videoUploadLimitBytes < 0 || videoUploadLimitBytes > uploadCeiling) {
            throw new IllegalArgumentException("videoUploadLimitBytes must be within 0.." + uploadCeiling
                    + (localBotApi ? "" : " (the cloud Bot API's upload limit)") + ": " + videoUploadLimitBytes);
        }
        Objects.requireNonNull(outbox, "outbox");
        if (albumDebounce == null || albumDebounce.isNegative() || albumDebounce.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("albumDebounce must be within 0..10 s: " + albumDebounce);
        }
        botUsername = botUsername == null ? "" : botUsername.strip();
        if (botUsername.startsWith("@")) {
            botUsername = botUsername.substring(1);
        }
        if (!botUsername.isEmpty() && !USERNAME_SHAPE.matcher(botUsername).matches()) {
            throw new IllegalArgumentException("botUsername is not a Telegram username: " + botUsername);
        }
    }

    /** Long polling against the cloud Bot API, videos attached up to 50 MB, Telegram's rate limits. */
    public static TelegramSettings defaults(String botToken) {
        return new TelegramSettings(botToken, DEFAULT_API_BASE, UpdateMode.LONG_POLLING, null, true,
                CLOUD_UPLOAD_LIMIT_BYTES, false, OutboxLimits.telegramDefaults(), Duration.ofSeconds(1), "");
    }

    /** Largest file the bot can fetch from Telegram. */
    public long downloadLimitBytes() {
        return localBotApi ? LOCAL_SERVER_FILE_LIMIT_BYTES : CLOUD_DOWNLOAD_LIMIT_BYTES;
    }

    /** Never shows the token: settings end up in logs. */
    @Override
    public String toString() {
        return "TelegramSettings[botToken=***, apiBase=" + apiBase + ", updateMode=" + updateMode + ", webhook="
                + webhook + ", attachVideos=" + attachVideos + ", videoUploadLimitBytes=" + videoUploadLimitBytes
                + ", localBotApi=" + localBotApi + ", outbox=" + outbox + ", albumDebounce=" + albumDebounce
                + ", botUsername=" + botUsername + "]";
    }

    private static URI parse(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException(what + " has no host: " + value);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " is not a URL: " + value);
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
