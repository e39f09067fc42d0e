package com.reelay.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.reelay.core.chat.ChatEngine;
import com.reelay.core.chat.Intake;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.send.SystemScheduler;
import com.reelay.core.chat.support.SecretMask;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;

/**
 * Telegram as a front end of the conversation engine.
 *
 * <pre>{@code
 * // settings: the bound TelegramSettings.SECTION (ConfigLoader), present when TELEGRAM_BOT_TOKEN is set
 * telegramSettings.ifPresent(settings -> {
 *     TelegramFrontEnd telegram = new TelegramFrontEnd(settings);
 *     telegram.start(engine);   // before engine.resume()
 *     // on shutdown: engine.close() first (its last replies still go out), then telegram.close()
 * });
 * }</pre>
 *
 * <p>{@link #start} checks the token (getMe), registers the engine's output for platform
 * {@code "telegram"}, sets the command menu and starts receiving updates by long polling or
 * webhook. Call {@link #close()} also when {@code start} failed.
 */
public final class TelegramFrontEnd implements AutoCloseable {

    /** The platform name chats of this front end carry ({@code ChatRef.platform()}). */
    public static final String PLATFORM = TelegramOutput.PLATFORM;

    private static final Logger log = LoggerFactory.getLogger(TelegramFrontEnd.class);
    private static final Duration START_CALL_TIMEOUT = Duration.ofSeconds(30);

    private final TelegramSettings settings;
    private final SecretMask mask;
    private final ObjectMapper json = new ObjectMapper();
    private final SystemScheduler scheduler = new SystemScheduler("telegram-timer");
    private final OkHttpBotApi api;
    private final Outbox outbox;
    private final TelegramOutput output;
    private LongPolling polling;
    private WebhookReceiver webhook;
    private UpdateHandler handler;
    private boolean started;
    /** When Telegram was last heard from: a successful poll, or a webhook call carrying the secret. */
    private final AtomicReference<Instant> lastContact = new AtomicReference<>();

    public TelegramFrontEnd(TelegramSettings settings) {
        this.settings = settings;
        this.mask = SecretMask.of(settings.botToken(),
                settings.webhook() == null ? null : settings.webhook().secretToken());
        this.api = new OkHttpBotApi(settings, apiClient(), json);
        this.outbox = new Outbox(settings.outbox(), scheduler, mask);
        this.output = new TelegramOutput(api, outbox, settings, mask);
    }

    /**
     * Connects {@code engine} to Telegram. Call once, after creating the engine and before
     * {@code engine.resume()} (resumed exports need the Telegram output registered).
     *
     * @throws IllegalStateException when Telegram refuses the token or can't be reached
     */
    public synchronized void start(ChatEngine engine) {
        start(engine, null);
    }

    /**
     * As {@link #start(ChatEngine)}, as one instance of a fleet: what Telegram delivers goes to
     * {@code intake} (the fleet's inbox) before Telegram is answered, the chat's owner reads it
     * back through {@link #deliver}, and in long polling mode only the fleet's leader polls.
     */
    public synchronized void start(ChatEngine engine, Intake intake) {
        if (started) {
            throw new IllegalStateException("the Telegram front end is already started");
        }
        started = true;
        BotIdentity bot = identify();
        engine.register(PLATFORM, output);
        setCommands();
        TelegramFiles files = new TelegramFiles(api, settings.localBotApi(), settings.downloadLimitBytes(), mask);
        UpdateReader reader = new UpdateReader(bot, settings.downloadLimitBytes(), files);
        handler = new UpdateHandler(reader, engine, api, settings.albumDebounce(), scheduler, mask);
        Consumer<Update> receive = intake == null ? handler::handle : update -> keep(intake, update);
        try {
            if (settings.updateMode() == TelegramSettings.UpdateMode.WEBHOOK) {
                startWebhook(receive);
            } else {
                OkHttpBotApi pollingApi = new OkHttpBotApi(settings, pollingClient(), json);
                polling = new LongPolling(pollingApi, mask, pollingApi::close, LongPolling.BACKOFF, this::heard);
                polling.start(receive, intake == null ? PollFeed.alone() : PollFeed.sharedThrough(intake));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Telegram updates");
        } catch (IOException | ExecutionException e) {
            throw new IllegalStateException("Telegram updates could not start: " + mask.describe(e));
        }
        log.info("telegram front end started bot=@{} updates={} videos={}", bot.username(), settings.updateMode(),
                settings.attachVideos() ? "attached up to " + settings.videoUploadLimitBytes() + " bytes" : "links only");
    }

    /**
     * The engine's output for Telegram chats: replies as Bot API calls paced through this front
     * end's outbox. Usable before {@link #start}, so a harness can drive the outbox without
     * receiving updates (the bench floods it this way).
     */
    public ChatOutput output() {
        return output;
    }

    /**
     * When Telegram was last heard from: the last successful poll, or in webhook mode the last call
     * that carried the secret or the last look at the webhook's status that found it ours and
     * working. Empty until the first. Readiness checks it against a window.
     */
    public Optional<Instant> lastContact() {
        return Optional.ofNullable(lastContact.get());
    }

    private void heard() {
        lastContact.set(Instant.now());
    }

    /** The webhook's local port once started (useful when configured as 0); -1 in long polling mode. */
    public synchronized int webhookPort() {
        return webhook == null ? -1 : webhook.port();
    }

    private BotIdentity identify() {
        User me = await(api.call(new GetMe()), "getMe");
        String username = me.getUserName() == null ? "" : me.getUserName();
        if (!settings.botUsername().isEmpty() && !settings.botUsername().equalsIgnoreCase(username)) {
            log.warn("configured bot username @{} differs from Telegram's @{}; using Telegram's",
                    settings.botUsername(), username);
        }
        return new BotIdentity(me.getId(), username);
    }

    private void setCommands() {
        for (SetMyCommands menu : CommandMenu.all()) {
            api.call(menu).whenComplete((ok, error) -> {
                if (error != null) {
                    log.warn("command menu not set language={}: {}",
                            menu.getLanguageCode() == null ? "default" : menu.getLanguageCode(),
                            mask.describe(error));
                }
            });
        }
    }

    /** Keeps an update in the fleet's inbox, once per update_id; throws when it could not (Telegram delivers again). */
    private void keep(Intake intake, Update update) {
        String payload;
        try {
            payload = json.writeValueAsString(update);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("update " + update.getUpdateId() + " could not be written", e);
        }
        intake.offer(PLATFORM, String.valueOf(update.getUpdateId()), UpdateReader.chatKeyOf(update), payload);
    }

    /** Handles an update another instance (or this one) kept in the fleet's inbox: this instance owns its chat. */
    public void deliver(String payload) {
        Update update;
        try {
            update = json.readValue(payload, Update.class);
        } catch (JsonProcessingException e) {
            log.error("inbox update unreadable, dropped: {}", e.getOriginalMessage());
            return;
        }
        handler.handle(update);
    }

    /** The request id an inbox update carries, as this front end names it to the engine; empty if none. */
    public Optional<String> requestIdOf(String payload) {
        try {
            return UpdateReader.requestIdOf(json.readValue(payload, Update.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** {@code instances} share this bot's token: this one keeps to its share of Telegram's 30/s. */
    public void shareSendBudget(int instances) {
        outbox.share(instances);
    }

    private void startWebhook(Consumer<Update> receive) throws IOException {
        TelegramSettings.Webhook hook = settings.webhook();
        webhook = new WebhookReceiver(hook, json);
        webhook.start(update -> {
            heard();
            receive.accept(update);
        });
        await(api.setWebhook(SetWebhook.builder().url(hook.url()).secretToken(hook.secretToken())
                .allowedUpdates(LongPolling.ALLOWED_UPDATES).build()), "setWebhook");
        watchWebhook(new WebhookStatus(api, hook.url(), this::heard));
    }

    /** Looks at Telegram's view of the webhook now and every {@link WebhookStatus#CHECK_EVERY} until closed. */
    private void watchWebhook(WebhookStatus status) {
        status.check(() -> scheduler.schedule(WebhookStatus.CHECK_EVERY, () -> watchWebhook(status)));
    }

    private <T> T await(java.util.concurrent.CompletableFuture<T> call, String what) {
        try {
            return call.get(START_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during Telegram " + what);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Telegram did not answer " + what + " within " + START_CALL_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            ApiFailure f = ApiFailure.of(e);
            String hint = f.code() == 401 || f.code() == 404 ? " (is TELEGRAM_BOT_TOKEN right?)" : "";
            throw new IllegalStateException("Telegram " + what + " failed" + hint + ": "
                    + mask.describe(e));
        }
    }

    /**
     * Stops receiving updates, drops albums still being gathered and messages not yet sent. The
     * webhook stays registered with Telegram: other instances may still be serving it.
     */
    @Override
    public synchronized void close() {
        if (polling != null) {
            polling.close();
        }
        if (webhook != null) {
            webhook.close();
        }
        if (handler != null) {
            handler.close();
        }
        outbox.close();
        scheduler.close();
        api.close();
    }

    private static OkHttpClient apiClient() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequestsPerHost(64); // one slow upload must not hold up every chat
        return new OkHttpClient.Builder().dispatcher(dispatcher)
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(60))
                .writeTimeout(Duration.ofSeconds(60))
                .build();
    }

    private static OkHttpClient pollingClient() {
        // getUpdates holds the request open for up to 50 s when there is nothing new.
        return new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(75)).build();
    }
}
