package com.reelay.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.config.ConfigException;
import com.reelay.config.ConfigLoader;
import com.reelay.config.Section;
import com.reelay.telegram.TelegramSettings.UpdateMode;
import com.reelay.telegram.TelegramSettings.Webhook;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TelegramSettingsTest {

    private static final String TOKEN = "123456:ABC-def_ghi";

    @Test
    void defaultsPollTheCloudBotApiAndAttachVideosUpTo50Megabytes() {
        TelegramSettings s = TelegramSettings.defaults(TOKEN);
        assertEquals("https://api.telegram.org", s.apiBase());
        assertEquals(UpdateMode.LONG_POLLING, s.updateMode());
        assertTrue(s.attachVideos());
        assertEquals(50L * 1024 * 1024, s.videoUploadLimitBytes());
        assertEquals(20L * 1024 * 1024, s.downloadLimitBytes());
        assertEquals(Duration.ofSeconds(1), s.albumDebounce());
    }

    /** {@code variables} (TELEGRAM_*) over the defaults, the token included, as the environment gives them. */
    private static TelegramSettings settings(Map<String, String> variables) throws ConfigException {
        Map<String, String> env = new HashMap<>(variables);
        env.put("TELEGRAM_BOT_TOKEN", TOKEN);
        return ConfigLoader.load(TelegramSettings.SECTION, env);
    }

    /** What an operator is told about {@code variables}. */
    private static String problems(Map<String, String> variables) {
        return assertThrows(ConfigException.class, () -> settings(variables)).problems().toString();
    }

    @Test
    void theTokenTurnsTelegramOnAndTheApiBaseCanPointElsewhere() throws Exception {
        List<Section<?>> telegram = List.of(TelegramSettings.SECTION);
        assertEquals(Optional.empty(), ConfigLoader.load(Optional.empty(), Map.of(), telegram).find(TelegramSettings.SECTION));
        assertEquals(Optional.empty(), ConfigLoader.load(Optional.empty(),
                Map.of("TELEGRAM_BOT_TOKEN", "  ", "TELEGRAM_API_BASE", "http://127.0.0.1:8081/"), telegram)
                .find(TelegramSettings.SECTION));
        TelegramSettings s = settings(Map.of("TELEGRAM_API_BASE", "http://127.0.0.1:8081/"));
        assertEquals(TOKEN, s.botToken());
        assertEquals("http://127.0.0.1:8081", s.apiBase());
        assertEquals(TelegramSettings.defaults(TOKEN), settings(Map.of()));
    }

    @Test
    void aLocalBotApiServerLiftsTheFileLimits() throws Exception {
        TelegramSettings local = settings(Map.of("TELEGRAM_LOCAL_BOT_API", "true",
                "TELEGRAM_VIDEO_UPLOAD_LIMIT_BYTES", "1500MiB"));
        assertEquals(2000L * 1024 * 1024, local.downloadLimitBytes());
        assertEquals(1500L * 1024 * 1024, local.videoUploadLimitBytes());
        String cloud = problems(Map.of("TELEGRAM_VIDEO_UPLOAD_LIMIT_BYTES", "100MiB"));
        assertTrue(cloud.contains("cloud Bot API"), cloud);
    }

    @Test
    void badValuesAreRefusedWithoutRepeatingTheToken() throws Exception {
        IllegalArgumentException token = assertThrows(IllegalArgumentException.class,
                () -> TelegramSettings.defaults("not a token 123456:hunter2"));
        assertFalse(token.getMessage().contains("hunter2"), token.getMessage());
        assertEquals("[telegram: Telegram API base must be http or https: ftp://x]",
                problems(Map.of("TELEGRAM_API_BASE", "ftp://x")));
        assertTrue(problems(Map.of("TELEGRAM_API_BASE", "https://proxy.example/telegram")).contains("must not have a path"),
                "telegrambots can't put a path in front of /bot<token>");
        assertTrue(problems(Map.of("TELEGRAM_ALBUM_DEBOUNCE", "1m")).contains("albumDebounce must be within 0..10 s"));
        assertTrue(problems(Map.of("TELEGRAM_BOT_USERNAME", "no spaces")).contains("not a Telegram username"));
        assertEquals("reelay_bot", settings(Map.of("TELEGRAM_BOT_USERNAME", "@reelay_bot")).botUsername());
        assertFalse(problems(Map.of("TELEGRAM_ALBUM_DEBOUNCE", "1m")).contains("ABC-def_ghi"));
    }

    @Test
    void aWebhookNeedsHttpsAndASecret() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new Webhook("http://bot.example.com/hook", 8443, "s3cret"));
        assertThrows(IllegalArgumentException.class, () -> new Webhook("https://bot.example.com/hook", 8443, ""));
        assertThrows(IllegalArgumentException.class, () -> new Webhook("https://bot.example.com/hook", 8443, "with space"));
        assertThrows(IllegalArgumentException.class, () -> new TelegramSettings(TOKEN, null, UpdateMode.WEBHOOK, null,
                true, 0, false, TelegramSettings.OutboxLimits.telegramDefaults(), Duration.ZERO, ""));
        Webhook hook = new Webhook("https://bot.example.com/telegram/hook", 8443, "s3cret-Token_1");
        assertEquals("/telegram/hook", hook.path());
        TelegramSettings webhook = settings(Map.of("TELEGRAM_UPDATE_MODE", "webhook",
                "TELEGRAM_WEBHOOK_URL", hook.url(), "TELEGRAM_WEBHOOK_LISTEN_PORT", "8443",
                "TELEGRAM_WEBHOOK_SECRET_TOKEN", hook.secretToken()));
        assertEquals(UpdateMode.WEBHOOK, webhook.updateMode());
        assertEquals(hook, webhook.webhook());
        assertTrue(problems(Map.of("TELEGRAM_UPDATE_MODE", "WEBHOOK")).contains("webhook mode needs a webhook url"));
    }

    @Test
    void secretsNeverShowInToString() throws Exception {
        String shown = settings(Map.of("TELEGRAM_UPDATE_MODE", "webhook", "TELEGRAM_WEBHOOK_URL",
                "https://bot.example.com/hook", "TELEGRAM_WEBHOOK_LISTEN_PORT", "8443",
                "TELEGRAM_WEBHOOK_SECRET_TOKEN", "hook-secret")).toString();
        assertFalse(shown.contains("ABC-def_ghi"), shown);
        assertFalse(shown.contains("hook-secret"), shown);
        assertTrue(shown.contains("https://bot.example.com/hook"), shown);
    }

    @Test
    void aWebhookGetsItsAbuseLimitsFromTheSettingsOrTheirDefaults() throws Exception {
        TelegramSettings.Webhook hook = settings(Map.of("TELEGRAM_UPDATE_MODE", "webhook",
                "TELEGRAM_WEBHOOK_URL", "https://bot.example.com/hook", "TELEGRAM_WEBHOOK_LISTEN_PORT", "8443",
                "TELEGRAM_WEBHOOK_SECRET_TOKEN", "s3cret", "TELEGRAM_WEBHOOK_MAX_IN_FLIGHT", "8",
                "TELEGRAM_WEBHOOK_HEADER_TIMEOUT", "2s")).webhook();
        assertEquals(8, hook.maxInFlight());
        assertEquals(Duration.ofSeconds(2), hook.headerTimeout());
        assertEquals(TelegramSettings.Webhook.DEFAULT_IDLE_TIMEOUT, hook.idleTimeout());
    }
}
