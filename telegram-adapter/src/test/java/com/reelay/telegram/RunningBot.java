package com.reelay.telegram;

import com.reelay.core.conversation.ConversationEngine;
import com.reelay.core.conversation.EngineSettings;
import com.reelay.core.nemo.NemoClient;
import com.reelay.core.store.ReelayStore;
import com.reelay.core.store.SqliteStore;
import com.reelay.core.testing.SimulatedNemo;
import com.reelay.simulator.NemoSimulator;
import com.reelay.telegram.TelegramSettings.OutboxLimits;
import com.reelay.telegram.TelegramSettings.Rate;
import com.reelay.testkit.CapturedLogs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The whole bot as it runs in production, minus the two services it talks to: the Telegram
 * front end and the real conversation engine, against the fake Bot API and the NemoVideo
 * simulator. Every log line of the run is kept so a test can check none carries the token.
 */
final class RunningBot implements AutoCloseable {

    /** Faster than Telegram allows, so tests are quick; the outbox's pacing has its own tests. */
    static final OutboxLimits TEST_LIMITS = new OutboxLimits(new Rate(20, Duration.ofSeconds(1)),
            new Rate(200, Duration.ofMinutes(1)), new Rate(200, Duration.ofSeconds(1)));

    final FakeTelegram telegram;
    final NemoSimulator nemo;
    final TelegramFrontEnd frontEnd;
    private final SimulatedNemo simulated;
    private final ReelayStore store;
    private final ConversationEngine engine;
    private final CapturedLogs logs;

    private RunningBot(CapturedLogs logs, FakeTelegram telegram, SimulatedNemo simulated,
                       ReelayStore store, ConversationEngine engine, TelegramFrontEnd frontEnd) {
        this.logs = logs;
        this.telegram = telegram;
        this.simulated = simulated;
        this.nemo = simulated.simulator();
        this.store = store;
        this.engine = engine;
        this.frontEnd = frontEnd;
    }

    static RunningBot start(Path dir) throws Exception {
        return start(dir, s -> s, c -> c);
    }

    /**
     * @param settings adjusts the Telegram settings (they already point at the fake)
     * @param agent    may wrap the NemoVideo client, e.g. to make the agent say more
     */
    static RunningBot start(Path dir, UnaryOperator<TelegramSettings> settings, UnaryOperator<NemoClient> agent)
            throws Exception {
        CapturedLogs logs = CapturedLogs.start();
        FakeTelegram telegram = new FakeTelegram();
        SimulatedNemo nemo = SimulatedNemo.start(SimulatedNemo.quick());
        NemoClient client = agent.apply(nemo.client());
        ReelayStore store = SqliteStore.open(dir);
        ConversationEngine engine = new ConversationEngine(client, store,
                EngineSettings.defaults().withEditInterval(Duration.ofMillis(20)), Optional.empty(), Clock.systemUTC());
        TelegramFrontEnd frontEnd = new TelegramFrontEnd(settings.apply(TelegramSettings.defaults(FakeTelegram.TOKEN)
                .withApiBase(telegram.baseUrl()).withOutbox(TEST_LIMITS).withAlbumDebounce(Duration.ofMillis(150))));
        frontEnd.start(engine);
        engine.resume();
        return new RunningBot(logs, telegram, nemo, store, engine, frontEnd);
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
