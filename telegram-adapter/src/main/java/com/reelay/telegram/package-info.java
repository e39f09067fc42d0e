/**
 * Telegram as a front end of the conversation engine, over the Bot API (telegrambots 10).
 *
 * <p>Public: {@link com.reelay.telegram.TelegramFrontEnd} (start with an engine, close; its
 * output alone for a harness) and {@link com.reelay.telegram.TelegramSettings}. Everything else is package-private:
 * <ul>
 *   <li>in: {@code LongPolling} or {@code WebhookReceiver} → {@code UpdateHandler} →
 *       {@code UpdateReader} (update → {@code Incoming}), {@code AlbumCollector} for albums,
 *       {@code TelegramFiles} to open a file once the engine accepted it;</li>
 *   <li>out: {@code TelegramOutput} (the engine's {@code ChatOutput}) → {@code TelegramMessages}
 *       (reply → Bot API method, HTML-escaped) → {@code Outbox} (pacing, 429, coalescing) →
 *       {@code OkHttpBotApi};</li>
 *   <li>the bot token is in every Bot API URL: whatever is logged goes through {@code SecretMask}.</li>
 * </ul>
 */
package com.reelay.telegram;
