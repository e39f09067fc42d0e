package com.reelay.telegram;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import com.reelay.core.conversation.ConversationEngine;
import com.reelay.core.conversation.EngineSettings;
import com.reelay.core.nemo.NemoClient;
import com.reelay.core.nemo.NemoSettings;
import com.reelay.core.nemo.OkHttpNemoClient;
import com.reelay.core.store.ReelayStore;
import com.reelay.core.store.SqliteStore;
import com.reelay.simulator.NemoSimulator;
import com.reelay.telegram.TelegramSettings.OutboxLimits;
import com.reelay.telegram.TelegramSettings.Rate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;

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
    private final NemoClient client;
    private final ReelayStore store;
    private final ConversationEngine engine;
    private final ListAppender<ILoggingEvent> logs;

    private RunningBot(ListAppender<ILoggingEvent> logs, FakeTelegram telegram, NemoSimulator nemo, NemoClient client,
                       ReelayStore store, ConversationEngine engine, TelegramFrontEnd frontEnd) {
        this.logs = logs;
        this.telegram = telegram;
        this.nemo = nemo;
        this.client = client;
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
        return start(dir, settings, agent, b -> b);
    }

    /** @param simulator adjusts the NemoVideo simulator (it is already fast) */
    static RunningBot start(Path dir, UnaryOperator<TelegramSettings> settings, UnaryOperator<NemoClient> agent,
                            UnaryOperator<NemoSimulator.Builder> simulator) throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root().addAppender(logs);
        FakeTelegram telegram = new FakeTelegram();
        NemoSimulator nemo = simulator.apply(NemoSimulator.builder().noTextProbability(0)
                .textReplyDuration(Duration.ofMillis(20)).editDuration(Duration.ofMillis(30))
                .generationDuration(Duration.ofMillis(80)).heartbeatInterval(Duration.ofMillis(10))
                .renderDurations(Duration.ofMillis(20), Duration.ofMillis(80))).start();
        NemoClient client = agent.apply(new OkHttpNemoClient(NemoSettings.defaults(nemo.baseUrl())
                .withFastTimings(Duration.ofSeconds(5), Duration.ofSeconds(30))));
        ReelayStore store = SqliteStore.open(dir);
        ConversationEngine engine = new ConversationEngine(client, store,
                EngineSettings.defaults().withEditInterval(Duration.ofMillis(20)), Optional.empty(), Clock.systemUTC());
        TelegramFrontEnd frontEnd = new TelegramFrontEnd(settings.apply(TelegramSettings.defaults(FakeTelegram.TOKEN)
                .withApiBase(telegram.baseUrl()).withOutbox(TEST_LIMITS).withAlbumDebounce(Duration.ofMillis(150))));
        frontEnd.start(engine);
        engine.resume();
        return new RunningBot(logs, telegram, nemo, client, store, engine, frontEnd);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** Every log line of the run, with its exception chain and stack, that contains {@code secret}. */
    List<String> logLinesContaining(String secret) {
        List<String> found = new ArrayList<>();
        List<ILoggingEvent> events;
        synchronized (logs) {
            events = List.copyOf(logs.list);
        }
        for (ILoggingEvent e : events) {
            StringBuilder text = new StringBuilder(e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
                for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                    text.append(' ').append(frame.getSTEAsString());
                }
            }
            if (text.indexOf(secret) >= 0) {
                found.add(e.getLoggerName() + ": " + text);
            }
        }
        return found;
    }

    int logLines() {
        synchronized (logs) {
            return logs.list.size();
        }
    }

    @Override
    public void close() {
        frontEnd.close();
        engine.close(Duration.ofMillis(200));
        client.close();
        store.close();
        nemo.close();
        telegram.close();
        root().detachAppender(logs);
    }
}
