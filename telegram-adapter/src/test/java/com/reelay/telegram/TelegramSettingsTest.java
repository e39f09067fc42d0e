package com.reelay.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.telegram.TelegramSettings.UpdateMode;
import com.reelay.telegram.TelegramSettings.Webhook;
import java.time.Duration;
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

    @Test
    void theTokenTurnsTelegramOnAndTheApiBaseCanPointElsewhere() {
        assertEquals(Optional.empty(), TelegramSettings.fromEnvironment(Map.of()));
        assertEquals(Optional.empty(), TelegramSettings.fromEnvironment(Map.of("TELEGRAM_BOT_TOKEN", "  ")));
        TelegramSettings s = TelegramSettings.fromEnvironment(Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "TELEGRAM_API_BASE", "http://127.0.0.1:8081/")).orElseThrow();
        assertEquals(TOKEN, s.botToken());
        assertEquals("http://127.0.0.1:8081", s.apiBase());
        assertEquals("https://api.telegram.org",
                TelegramSettings.fromEnvironment(Map.of("TELEGRAM_BOT_TOKEN", TOKEN)).orElseThrow().apiBase());
    }

    @Test
    void aLocalBotApiServerLiftsTheFileLimits() {
        TelegramSettings local = TelegramSettings.defaults(TOKEN).withLocalBotApi(true)
                .withVideoUploads(true, 1500L * 1024 * 1024);
        assertEquals(2000L * 1024 * 1024, local.downloadLimitBytes());
        IllegalArgumentException cloud = assertThrows(IllegalArgumentException.class,
                () -> TelegramSettings.defaults(TOKEN).withVideoUploads(true, 100L * 1024 * 1024));
        assertTrue(cloud.getMessage().contains("cloud Bot API"), cloud.getMessage());
    }

    @Test
    void badValuesAreRefusedWithoutRepeatingTheToken() {
        IllegalArgumentException token = assertThrows(IllegalArgumentException.class,
                () -> TelegramSettings.defaults("not a token 123456:hunter2"));
        assertFalse(token.getMessage().contains("hunter2"), token.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TelegramSettings.defaults(TOKEN).withApiBase("ftp://x"));
        assertThrows(IllegalArgumentException.class,
                () -> TelegramSettings.defaults(TOKEN).withApiBase("https://proxy.example/telegram"),
                "telegrambots can't put a path in front of /bot<token>");
        assertThrows(IllegalArgumentException.class, () -> TelegramSettings.defaults(TOKEN).withAlbumDebounce(Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> TelegramSettings.defaults(TOKEN).withBotUsername("no spaces"));
        assertEquals("reelay_bot", TelegramSettings.defaults(TOKEN).withBotUsername("@reelay_bot").botUsername());
    }

    @Test
    void aWebhookNeedsHttpsAndASecret() {
        assertThrows(IllegalArgumentException.class, () -> new Webhook("http://bot.example.com/hook", 8443, "s3cret"));
        assertThrows(IllegalArgumentException.class, () -> new Webhook("https://bot.example.com/hook", 8443, ""));
        assertThrows(IllegalArgumentException.class, () -> new Webhook("https://bot.example.com/hook", 8443, "with space"));
        assertThrows(IllegalArgumentException.class, () -> new TelegramSettings(TOKEN, null, UpdateMode.WEBHOOK, null,
                true, 0, false, TelegramSettings.OutboxLimits.telegramDefaults(), Duration.ZERO, ""));
        Webhook hook = new Webhook("https://bot.example.com/telegram/hook", 8443, "s3cret-Token_1");
        assertEquals("/telegram/hook", hook.path());
        assertEquals(UpdateMode.WEBHOOK, TelegramSettings.defaults(TOKEN).withWebhook(hook).updateMode());
    }

    @Test
    void secretsNeverShowInToString() {
        String shown = TelegramSettings.defaults(TOKEN)
                .withWebhook(new Webhook("https://bot.example.com/hook", 8443, "hook-secret")).toString();
        assertFalse(shown.contains("ABC-def_ghi"), shown);
        assertFalse(shown.contains("hook-secret"), shown);
        assertTrue(shown.contains("https://bot.example.com/hook"), shown);
    }
}
