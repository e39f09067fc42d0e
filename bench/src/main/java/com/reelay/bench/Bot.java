package com.reelay.bench;

import com.reelay.core.conversation.ConversationEngine;
import com.reelay.core.conversation.EngineSettings;
import com.reelay.core.guard.GuardSettings;
import com.reelay.core.nemo.NemoSettings;
import com.reelay.core.nemo.OkHttpNemoClient;
import com.reelay.core.store.CachingStore;
import com.reelay.core.store.ReelayStore;
import com.reelay.core.store.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * One bot as bot-app wires it (OkHttp client, SQLite store behind the cache, the engine) with a
 * {@link RecordingPlatform} registered, sharing the operator's token (NEMO_TOKEN) for every chat.
 */
final class Bot implements AutoCloseable {

    final OkHttpNemoClient client;
    final ReelayStore store;
    final ConversationEngine engine;
    final RecordingPlatform platform;

    Bot(NemoSettings nemo, EngineSettings engineSettings, Path dataDir, int chats) {
        client = new OkHttpNemoClient(nemo, null, OkHttpNemoClient.RateLimits.CALLER_SCHEDULES);
        store = new CachingStore(SqliteStore.open(dataDir), Math.max(10_000, chats + 1_000));
        engine = new ConversationEngine(client, store, engineSettings, GuardSettings.open(), Optional.of(World.TOKEN),
                Clock.systemUTC());
        platform = new RecordingPlatform(chats);
        engine.register(RecordingPlatform.NAME, platform);
        engine.resume();
    }

    /** The client settings with the production defaults except how many calls may be open at once. */
    static NemoSettings nemoSettings(String baseUrl, int maxConcurrentRequests, Duration renderMaxPollInterval) {
        NemoSettings d = NemoSettings.defaults(baseUrl);
        return new NemoSettings(d.baseUrl(), d.skillSource(), d.skillVersion(), d.skillPlatform(), d.rateLimitWait(),
                d.maxRateLimitWait(), d.retryAttempts(), d.retryBaseDelay(), d.streamTimeout(), d.streamIdleTimeout(),
                d.renderFirstPoll(), renderMaxPollInterval, maxConcurrentRequests, d.connectTimeout(), d.callTimeout());
    }

    /** The engine defaults (3 s edit interval) with these request and worker budgets. */
    static EngineSettings engineSettings(int maxConcurrentRequests, int workerThreads) {
        EngineSettings d = EngineSettings.defaults();
        return new EngineSettings(maxConcurrentRequests, workerThreads, d.editInterval(), d.maxFilesPerRequest(),
                d.maxTextLength());
    }

    @Override
    public void close() {
        engine.close(Duration.ofSeconds(1));
        client.close();
        store.close();
    }
}
