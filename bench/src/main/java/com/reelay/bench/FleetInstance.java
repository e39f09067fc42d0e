package com.reelay.bench;

import com.reelay.core.chat.ChatRef;
import com.reelay.core.conversation.ConversationEngine;
import com.reelay.core.conversation.EngineSettings;
import com.reelay.core.conversation.IdentityScope;
import com.reelay.core.guard.GuardSettings;
import com.reelay.core.nemo.OkHttpNemoClient;
import com.reelay.postgres.DatabaseSettings;
import com.reelay.postgres.PostgresStore;
import com.reelay.postgres.fleet.DatabaseClock;
import com.reelay.postgres.fleet.FleetNode;
import com.reelay.postgres.fleet.InboxItem;
import com.reelay.telegram.TelegramFrontEnd;
import com.reelay.telegram.TelegramSettings;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Reelay instance of a fleet, wired as bot-app's Launcher wires it with REELAY_DATABASE_URL and
 * a Telegram webhook: the PostgreSQL store on its own pool, the OkHttp NemoVideo client, the
 * engine, the fleet node on the database's clock (joined before Telegram starts), and the
 * Telegram front end in webhook mode, whose updates go to the fleet's inbox and come back to this
 * instance as its node's host. The host does what bot-app's FleetHost does for Telegram (bot-app
 * is not on the bench's path: building it runs its integration tests): it serves Telegram's
 * chats once the front end has started, hands the fleet's size to the send budget at each
 * heartbeat, and halts when expelled (bot-app exits with status 4; here the instance stops).
 * The guard counts every prompt in the database as in production, with allowances no one
 * reaches here.
 */
final class FleetInstance implements FleetNode.Host, AutoCloseable {

    /** The guard's production shape (per person, per chat, per day), with room for every message of a run. */
    private static final GuardSettings GUARD = new GuardSettings(List.of(), List.of(), List.of(), 100_000, 100_000, 100_000);

    final String id;
    private final PostgresStore store;
    private final OkHttpNemoClient client;
    private final ConversationEngine engine;
    private final FleetNode fleet;
    private volatile TelegramFrontEnd telegram;
    private final AtomicBoolean expelled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    FleetInstance(String id, DatabaseSettings database, String simulatorUrl, TelegramSettings telegramSettings,
                  Duration deadAfter) throws Exception {
        this.id = id;
        store = PostgresStore.open(database);
        client = new OkHttpNemoClient(Bot.nemoSettings(simulatorUrl, 4096, Duration.ofSeconds(4)), null,
                OkHttpNemoClient.RateLimits.CALLER_SCHEDULES);
        engine = new ConversationEngine(client, FleetNode.engineStore(store), EngineSettings.defaults(), GUARD, Optional.of(World.TOKEN),
                IdentityScope.CHAT, Clock.systemUTC(), new SimpleMeterRegistry());
        fleet = new FleetNode(store.dataSource(), id, deadAfter,
                new DatabaseClock(store.dataSource(), Clock.systemUTC(), Duration.ofMinutes(1)), this);
        fleet.start();
        TelegramFrontEnd frontEnd = new TelegramFrontEnd(telegramSettings);
        frontEnd.start(engine, fleet);
        telegram = frontEnd; // as FleetHost.serve after the front end started
    }

    @Override
    public boolean serves(String chatKey) {
        return telegram != null && ChatRef.fromKey(chatKey).platform().equals(TelegramFrontEnd.PLATFORM);
    }

    @Override
    public void adopt(List<String> chatKeys) {
        engine.adopt(chatKeys);
    }

    @Override
    public void deliver(InboxItem item) {
        telegram.deliver(item.payload());
    }

    @Override
    public boolean alreadyTaken(InboxItem item) {
        return telegram.requestIdOf(item.payload()).map(engine::adopted).orElse(false);
    }

    @Override
    public void fleetSize(int live) {
        TelegramFrontEnd sending = telegram;
        if (sending != null) {
            sending.shareSendBudget(live);
        }
    }

    @Override
    public void expelled() {
        halt();
    }

    /** The local port Telegram's webhook calls reach this instance on. */
    int webhookPort() {
        return telegram.webhookPort();
    }

    int ownedChats() {
        return fleet.ownedChats();
    }

    int fleetSize() {
        return fleet.fleetSize();
    }

    /** Whether the fleet expelled this instance (it stopped then, as bot-app halts). */
    boolean wasExpelled() {
        return expelled.get();
    }

    /** The pool's view now: threads waiting for a connection. */
    int threadsAwaitingConnection() {
        HikariPoolMXBean pool = ((HikariDataSource) store.dataSource()).getHikariPoolMXBean();
        return pool == null ? 0 : pool.getThreadsAwaitingConnection();
    }

    /** Expelled: bot-app halts at once (status 4) so that nothing of its chats runs twice; here it stops sending at once. */
    private void halt() {
        if (expelled.compareAndSet(false, true)) {
            TelegramFrontEnd sending = telegram; // null only while starting
            Thread stop = new Thread(() -> {
                if (sending != null) {
                    sending.close();
                }
                close();
            }, "bench-halt-" + id);
            stop.setDaemon(true);
            stop.start();
        }
    }

    /** As Launcher stops: stop taking from the inbox, let the engine finish, then Telegram, the fleet, the client, the store. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        fleet.stopTaking();
        engine.close(Duration.ofSeconds(1));
        if (telegram != null) {
            telegram.close();
        }
        fleet.close();
        client.close();
        store.close();
    }
}
