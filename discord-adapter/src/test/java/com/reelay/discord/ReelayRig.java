package com.reelay.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.config.ConfigLoader;
import com.reelay.core.conversation.ConversationEngine;
import com.reelay.core.conversation.EngineSettings;
import com.reelay.core.store.SqliteStore;
import com.reelay.core.testing.SimulatedNemo;
import com.reelay.discord.Payloads.Place;
import com.reelay.simulator.NemoSimulator;
import com.reelay.testkit.CapturedLogs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Everything a person's Discord request passes through, on one machine: a fake Discord, Reelay's
 * Discord front end, the real conversation engine with its store, and the NemoVideo simulator.
 * Every log line is kept so tests can prove what never appears in it.
 */
final class ReelayRig implements AutoCloseable {

    private final SimulatedNemo nemo;
    private final SqliteStore store;
    private final ConversationEngine engine;
    private final FakeDiscord discord;
    private final DiscordFrontEnd frontEnd;
    private final CapturedLogs logs;

    private ReelayRig(SimulatedNemo nemo, SqliteStore store, ConversationEngine engine,
                      FakeDiscord discord, DiscordFrontEnd frontEnd, CapturedLogs logs) {
        this.nemo = nemo;
        this.store = store;
        this.engine = engine;
        this.discord = discord;
        this.frontEnd = frontEnd;
        this.logs = logs;
    }

    /**
     * @param settings DISCORD_* variables over the defaults; the token and the fake's URLs are added
     * @param nemo     tunes the simulator (never text-less replies)
     */
    static ReelayRig start(Path dir, long guildId, List<Place> channels, Map<String, String> settings,
                           UnaryOperator<NemoSimulator.Builder> nemo) throws Exception {
        return start(dir, guildId, channels, settings, nemo, Clock.systemUTC());
    }

    /** {@code hostClock}: this machine's clock as the front end reads it (tests set it apart from Discord's). */
    static ReelayRig start(Path dir, long guildId, List<Place> channels, Map<String, String> settings,
                           UnaryOperator<NemoSimulator.Builder> nemo, Clock hostClock) throws Exception {
        CapturedLogs logs = CapturedLogs.start();
        SimulatedNemo simulated = SimulatedNemo.start(nemo.apply(NemoSimulator.builder().noTextProbability(0)));
        String nemoToken = "nmv_usr_" + "d1sc0rdE2eT0ken00000000000000000";
        simulated.simulator().registerUser(nemoToken, 1_000_000);
        SqliteStore store = SqliteStore.open(dir);
        // Progress every 0.5 s: an interaction token's bucket takes 5 edits per 2 s, as on Discord.
        ConversationEngine engine = new ConversationEngine(simulated.client(), store,
                EngineSettings.defaults().withEditInterval(Duration.ofMillis(500)), Optional.of(nemoToken), Clock.systemUTC());
        Map<String, String> env = new HashMap<>(settings);
        env.put("DISCORD_BOT_TOKEN", FakeDiscord.BOT_TOKEN);
        // The fake enforces the deadlines as set; then the bot is pointed at the fake.
        DiscordSettings asked = ConfigLoader.load(DiscordSettings.SECTION, env);
        FakeDiscord discord = new FakeDiscord(guildId, channels, asked.deferDeadline(), asked.interactionTokenLifetime());
        env.put("DISCORD_API_BASE", discord.apiBase());
        env.put("DISCORD_GATEWAY_URL", discord.gatewayUrl());
        DiscordFrontEnd frontEnd = new DiscordFrontEnd(ConfigLoader.load(DiscordSettings.SECTION, env), hostClock);
        ReelayRig rig = new ReelayRig(simulated, store, engine, discord, frontEnd, logs);
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

    DiscordFrontEnd frontEnd() {
        return frontEnd;
    }

    NemoSimulator simulator() {
        return nemo.simulator();
    }

    void assertNothingLogged(String secret) {
        assertEquals(List.of(), logs.linesContaining(secret), "logged a secret");
        assertTrue(logs.size() > 5, "the log was captured");
    }

    @Override
    public void close() throws IOException {
        frontEnd.close();
        engine.close(Duration.ofSeconds(1));
        store.close();
        nemo.close();
        discord.close();
        logs.close();
    }
}
