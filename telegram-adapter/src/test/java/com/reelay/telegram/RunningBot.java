package com.reelay.telegram;

import com.reelay.core.chat.Intake;
import com.reelay.core.conversation.ConversationEngine;
import com.reelay.core.conversation.EngineSettings;
import com.reelay.core.nemo.NemoClient;
import com.reelay.core.store.ReelayStore;
import com.reelay.core.store.SqliteStore;
import com.reelay.core.testing.SimulatedNemo;
import com.reelay.simulator.NemoSimulator;
import com.reelay.testkit.CapturedLogs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The whole bot as it runs in production, minus the two services it talks to: the Telegram
 * front end and the real conversation engine, against the fake Bot API and the NemoVideo
 * simulator. Every log line of the run is kept so a test can check none carries the token.
 */
final class RunningBot implements AutoCloseable {

    /**
     * Faster than Telegram allows (20 a second per chat, 200 a minute per group, 200 a second in all),
     * so tests are quick; the outbox's pacing has its own tests. Albums complete after 150 ms.
     */
    static final Map<String, String> TEST_PACE = Map.of("TELEGRAM_OUTBOX_PER_CHAT_MESSAGES", "20",
            "TELEGRAM_OUTBOX_PER_GROUP_MESSAGES", "200", "TELEGRAM_OUTBOX_GLOBAL_MESSAGES", "200",
            "TELEGRAM_ALBUM_DEBOUNCE", "150ms");

    final FakeTelegram telegram;
    final TelegramSettings settings;
    final NemoSimulator nemo;
    final TelegramFrontEnd frontEnd;
    private final SimulatedNemo simulated;
    private final ReelayStore store;
    private final ConversationEngine engine;
    private final CapturedLogs logs;

    private RunningBot(CapturedLogs logs, FakeTelegram telegram, TelegramSettings settings, SimulatedNemo simulated,
                       ReelayStore store, ConversationEngine engine, TelegramFrontEnd frontEnd) {
        this.logs = logs;
        this.telegram = telegram;
        this.settings = settings;
        this.simulated = simulated;
        this.nemo = simulated.simulator();
        this.store = store;
        this.engine = engine;
        this.frontEnd = frontEnd;
    }

    static RunningBot start(Path dir) throws Exception {
        return start(dir, Map.of(), c -> c);
    }

    /**
     * @param settings TELEGRAM_* variables over {@link #TEST_PACE} (the settings already point at the fake)
     * @param agent    may wrap the NemoVideo client, e.g. to make the agent say more
     */
    static RunningBot start(Path dir, Map<String, String> settings, UnaryOperator<NemoClient> agent)
            throws Exception {
        return start(dir, settings, agent, b -> b);
    }

    /** @param simulator adjusts the NemoVideo simulator (it is already quick) */
    static RunningBot start(Path dir, Map<String, String> settings, UnaryOperator<NemoClient> agent,
                            UnaryOperator<NemoSimulator.Builder> simulator) throws Exception {
        return start(dir, settings, agent, simulator, e -> e);
    }

    /** @param engineSettings adjusts the engine's settings */
    static RunningBot start(Path dir, Map<String, String> settings, UnaryOperator<NemoClient> agent,
                            UnaryOperator<NemoSimulator.Builder> simulator, UnaryOperator<EngineSettings> engineSettings)
            throws Exception {
        return start(dir, settings, agent, simulator, engineSettings, null);
    }

    /** @param intake a fleet's inbox the front end keeps updates in (null: a lone instance) */
    static RunningBot start(Path dir, Map<String, String> settings, UnaryOperator<NemoClient> agent,
                            UnaryOperator<NemoSimulator.Builder> simulator, UnaryOperator<EngineSettings> engineSettings,
                            Intake intake) throws Exception {
        CapturedLogs logs = CapturedLogs.start();
        FakeTelegram telegram = new FakeTelegram();
        SimulatedNemo nemo = SimulatedNemo.start(simulator.apply(SimulatedNemo.quick()));
        NemoClient client = agent.apply(nemo.client());
        ReelayStore store = SqliteStore.open(dir);
        ConversationEngine engine = new ConversationEngine(client, store,
                engineSettings.apply(EngineSettings.defaults().withEditInterval(Duration.ofMillis(20))), Optional.empty(),
                Clock.systemUTC());
        Map<String, String> variables = new HashMap<>(TEST_PACE);
        variables.putAll(settings);
        TelegramSettings bound = telegram.settings(variables);
        TelegramFrontEnd frontEnd = new TelegramFrontEnd(bound);
        frontEnd.start(engine, intake);
        engine.resume();
        return new RunningBot(logs, telegram, bound, nemo, store, engine, frontEnd);
    }

    /** Every log line of the run, with its exception chain and stack, that contains {@code secret}. */
    List<String> logLinesContaining(String secret) {
        return logs.linesContaining(secret);
    }

    int logLines() {
        return logs.size();
    }

    @Override
    public void close() {
        frontEnd.close();
        engine.close(Duration.ofMillis(200));
        store.close();
        simulated.close();
        telegram.close();
        logs.close();
    }
}
