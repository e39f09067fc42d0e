package com.reelay.discord;

import com.reelay.core.chat.ChatEngine;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.send.SendBudget;
import com.reelay.core.chat.send.SystemScheduler;
import com.reelay.core.chat.support.SecretMask;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discord as a front end of the conversation engine: slash commands, buttons, DMs and mentions in;
 * replies, live progress and finished videos out.
 *
 * <pre>{@code
 * // settings: the bound DiscordSettings.SECTION (ConfigLoader), present when DISCORD_BOT_TOKEN is set
 * discordSettings.ifPresent(settings -> {
 *     DiscordFrontEnd discord = new DiscordFrontEnd(settings);
 *     discord.start(engine);   // before engine.resume(), so unfinished Discord jobs find their platform
 *     ...
 *     discord.close();
 * });
 * }</pre>
 *
 * It needs no privileged intent: slash commands need none, and DMs and mentions reach a bot
 * through the guild-message and direct-message intents alone. With {@code discord.shard-ids} or a
 * {@code discord.shard-total} above 1 it runs only its shards of the bot's servers, through JDA's
 * sharding, so that several instances split them.
 */
public final class DiscordFrontEnd implements AutoCloseable {

    /** The platform name of Discord chats ({@code ChatRef#platform()}). */
    public static final String PLATFORM = ChatAddress.PLATFORM;

    private static final Logger log = LoggerFactory.getLogger(DiscordFrontEnd.class);

    private final DiscordSettings settings;
    private final Clock clock;
    private DiscordEvents events;
    private GatewayShards shards;
    private SystemScheduler sendTimer;
    private SendBudget budget;
    private JdaTransport transport;

    public DiscordFrontEnd(DiscordSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** {@code clock} times the interaction deadlines. */
    public DiscordFrontEnd(DiscordSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Registers Discord's output with {@code engine}, logs in (checking the token) and connects to
     * the gateway in the background; commands are registered once connected.
     *
     * @throws IllegalStateException if already started, or the login failed (bad token, Discord unreachable)
     */
    public synchronized void start(ChatEngine engine) {
        if (shards != null) {
            throw new IllegalStateException("Discord front end already started");
        }
        transport = new JdaTransport();
        sendTimer = new SystemScheduler("discord-send-timer");
        budget = DiscordLimits.budget(settings.sendMargin(), sendTimer);
        DiscordOutput output = new DiscordOutput(transport, settings, clock, budget);
        engine.register(PLATFORM, output);
        events = new DiscordEvents(engine,
                new InboundReader(settings.sessionScope(), new AttachmentDownloads(transport::http)),
                output, transport, settings, clock);
        try {
            shards = GatewayShards.connect(settings, events,
                    new OkHttpClient.Builder().addInterceptor(new GlobalLimitWatch(budget)));
        } catch (RuntimeException e) {
            log.debug("Discord login failure: {}", SecretMask.of(settings.botToken()).describe(e));
            throw new IllegalStateException("Discord login failed: " + FailureText.of(e));
        }
        shards.running().forEach(transport::attach); // shards built later attach with their first event
        log.info("Discord front end started: {}", settings);
    }

    /** Waits until every shard of this instance is ready (its guilds loaded); false on timeout. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        DiscordEvents started;
        synchronized (this) {
            started = events;
        }
        if (started == null) {
            throw new IllegalStateException("Discord front end not started");
        }
        return started.ready().await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Whether this instance can answer {@code chat}: its shards hold the channel, or it is a DM
     * (a personal chat while chats are per channel) and this instance holds shard 0, where DMs
     * live. A fleet gives a dead instance's Discord chats only to an instance that reaches them.
     */
    public synchronized boolean reaches(ChatRef chat) {
        if (transport == null) {
            return false;
        }
        ChatAddress address = ChatAddress.of(chat);
        return transport.knows(address)
                || address.hasUser() && settings.sessionScope() == SessionScope.CHANNEL && shards().contains(0);
    }

    /** {@code instances} share this bot's token: this one keeps to its share of Discord's 50/s. */
    public synchronized void shareSendBudget(int instances) {
        if (budget != null) {
            budget.share(instances);
        }
    }

    /** The gateway shards this instance runs ({@code [0]} without sharding). */
    public List<Integer> shards() {
        return settings.shards();
    }

    /** The shards of this instance whose gateway session is connected right now. */
    public synchronized List<Integer> connectedShards() {
        return shards == null ? List.of() : shards.connected();
    }

    /**
     * Whether every shard of this instance is connected right now (JDA reconnects each by itself after
     * a drop); while one is not, its servers hear nothing from the bot.
     */
    public synchronized boolean connected() {
        return shards != null && shards.connected().equals(shards.ids());
    }

    /** Disconnects, letting requests already queued (e.g. a last progress edit) go out for a few seconds. */
    @Override
    public synchronized void close() {
        if (shards != null) {
            shards.close(Duration.ofSeconds(5));
            shards = null;
        }
        if (budget != null) {
            budget.close(); // what JDA did not take by now cannot go out any more
            sendTimer.close();
            budget = null;
        }
    }
}
