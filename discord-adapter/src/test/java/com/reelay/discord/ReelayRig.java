package com.reelay.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.config.ConfigLoader;
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
import java.util.function.UnaryOperator;

/**
 * Everything a person's Discord request passes through, on one machine: a fake Discord, one Reelay
 * instance (Discord front end, the real conversation engine with its store) and the NemoVideo
 * simulator. Every log line is kept so tests can prove what never appears in it.
 */
final class ReelayRig implements AutoCloseable {

    /** A registered NemoVideo account of the simulator, for every instance. */
    static final String NEMO_TOKEN = "nmv_usr_" + "d1sc0rdE2eT0ken00000000000000000";

    private final SimulatedNemo nemo;
    private final FakeDiscord discord;
    private final ReelayInstance instance;
    private final CapturedLogs logs;

    private ReelayRig(SimulatedNemo nemo, FakeDiscord discord, ReelayInstance instance, CapturedLogs logs) {
        this.nemo = nemo;
        this.discord = discord;
        this.instance = instance;
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
        SimulatedNemo simulated = simulator(nemo);
        Map<String, String> env = new HashMap<>(settings);
        env.put("DISCORD_BOT_TOKEN", FakeDiscord.BOT_TOKEN);
        // The fake enforces the deadlines as set; then the bot is pointed at the fake.
        DiscordSettings asked = ConfigLoader.load(DiscordSettings.SECTION, env);
        FakeDiscord discord = new FakeDiscord(guildId, channels, asked.deferDeadline(), asked.interactionTokenLifetime());
        ReelayInstance instance = null;
        try {
            instance = ReelayInstance.start(dir, discord, simulated, NEMO_TOKEN, settings, hostClock);
            assertTrue(discord.awaitIdentify(Duration.ofSeconds(20)), "JDA identified on the gateway");
            assertTrue(instance.frontEnd().awaitReady(Duration.ofSeconds(20)), "JDA is ready");
        } catch (Exception | AssertionError e) {
            new ReelayRig(simulated, discord, instance, logs).close();
            throw e;
        }
        return new ReelayRig(simulated, discord, instance, logs);
    }

    /** The simulator every instance talks to, with {@link #NEMO_TOKEN} registered. */
    static SimulatedNemo simulator(UnaryOperator<NemoSimulator.Builder> nemo) throws Exception {
        SimulatedNemo simulated = SimulatedNemo.start(nemo.apply(NemoSimulator.builder().noTextProbability(0)));
        simulated.simulator().registerUser(NEMO_TOKEN, 1_000_000);
        return simulated;
    }

    FakeDiscord discord() {
        return discord;
    }

    DiscordFrontEnd frontEnd() {
        return instance.frontEnd();
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
        if (instance != null) {
            instance.close();
        }
        nemo.close();
        discord.close();
        logs.close();
    }
}
