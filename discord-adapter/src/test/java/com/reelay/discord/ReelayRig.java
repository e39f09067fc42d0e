package com.reelay.discord;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.reelay.core.conversation.ConversationEngine;
import com.reelay.core.conversation.EngineSettings;
import com.reelay.core.nemo.NemoSettings;
import com.reelay.core.nemo.OkHttpNemoClient;
import com.reelay.core.store.SqliteStore;
import com.reelay.discord.Payloads.Place;
import com.reelay.simulator.NemoSimulator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;

/**
 * Everything a person's Discord request passes through, on one machine: a fake Discord, Reelay's
 * Discord front end, the real conversation engine with its store, and the NemoVideo simulator.
 * Every log line is kept so tests can prove what never appears in it.
 */
final class ReelayRig implements AutoCloseable {

    private final NemoSimulator simulator;
    private final OkHttpNemoClient client;
    private final SqliteStore store;
    private final ConversationEngine engine;
    private final FakeDiscord discord;
    private final DiscordFrontEnd frontEnd;
    private final ListAppender<ILoggingEvent> logs;

    private ReelayRig(NemoSimulator simulator, OkHttpNemoClient client, SqliteStore store, ConversationEngine engine,
                      FakeDiscord discord, DiscordFrontEnd frontEnd, ListAppender<ILoggingEvent> logs) {
        this.simulator = simulator;
        this.client = client;
        this.store = store;
        this.engine = engine;
        this.discord = discord;
        this.frontEnd = frontEnd;
        this.logs = logs;
    }

    /** {@code settings} get the fake's URLs; {@code nemo} tunes the simulator (never text-less replies). */
    static ReelayRig start(Path dir, long guildId, List<Place> channels, DiscordSettings settings,
                           UnaryOperator<NemoSimulator.Builder> nemo) throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);

        NemoSimulator simulator = nemo.apply(NemoSimulator.builder().noTextProbability(0)).start();
        String nemoToken = "nmv_usr_" + "d1sc0rdE2eT0ken00000000000000000";
        simulator.registerUser(nemoToken, 1_000_000);
        OkHttpNemoClient client = new OkHttpNemoClient(NemoSettings.defaults(simulator.baseUrl())
                .withFastTimings(Duration.ofSeconds(10), Duration.ofSeconds(60)));
        SqliteStore store = SqliteStore.open(dir);
        // Progress every 0.5 s: an interaction token's bucket takes 5 edits per 2 s, as on Discord.
        ConversationEngine engine = new ConversationEngine(client, store,
                EngineSettings.defaults().withEditInterval(Duration.ofMillis(500)), Optional.of(nemoToken), Clock.systemUTC());
        FakeDiscord discord = new FakeDiscord(guildId, channels, settings.deferDeadline(), settings.interactionTokenLifetime());
        DiscordFrontEnd frontEnd = new DiscordFrontEnd(settings.withApiBase(discord.apiBase())
                .withGatewayUrl(discord.gatewayUrl()));
        ReelayRig rig = new ReelayRig(simulator, client, store, engine, discord, frontEnd, logs);
        try {
            frontEnd.start(engine);
            engine.resume();
            assertTrue(discord.awaitIdentify(Duration.ofSeconds(20)), "JDA identified on the gateway");
            assertTrue(frontEnd.awaitReady(Duration.ofSeconds(20)), "JDA is ready");
        } catch (Exception | AssertionError e) {
            rig.close();
            throw e;
        }
        return rig;
    }

    FakeDiscord discord() {
        return discord;
    }

    NemoSimulator simulator() {
        return simulator;
    }

    void assertNothingLogged(String secret) {
        for (ILoggingEvent event : logs.list) {
            String line = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertTrue(!line.contains(secret), "logged a secret: " + line);
        }
        assertTrue(logs.list.size() > 5, "the log was captured");
    }

    @Override
    public void close() throws IOException {
        frontEnd.close();
        engine.close(Duration.ofSeconds(1));
        client.close();
        store.close();
        simulator.close();
        discord.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }
}
