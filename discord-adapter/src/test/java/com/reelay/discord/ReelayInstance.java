package com.reelay.discord;

import com.reelay.config.ConfigLoader;
import com.reelay.core.conversation.ConversationEngine;
import com.reelay.core.conversation.EngineSettings;
import com.reelay.core.store.SqliteStore;
import com.reelay.core.testing.SimulatedNemo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One Reelay process as far as Discord is concerned: its own store and engine, and a Discord front end
 * pointed at the fake. Several of them on one fake Discord make a fleet.
 */
final class ReelayInstance implements AutoCloseable {

    private final SqliteStore store;
    private final ConversationEngine engine;
    private final DiscordFrontEnd frontEnd;

    private ReelayInstance(SqliteStore store, ConversationEngine engine, DiscordFrontEnd frontEnd) {
        this.store = store;
        this.engine = engine;
        this.frontEnd = frontEnd;
    }

    /**
     * Starts the front end (it connects in the background) and the engine.
     *
     * @param settings  DISCORD_* variables over the defaults; the token and the fake's URLs are added
     * @param nemoToken a registered account of {@code nemo}
     * @param hostClock this machine's clock as the front end reads it
     */
    static ReelayInstance start(Path dir, FakeDiscord discord, SimulatedNemo nemo, String nemoToken,
                                Map<String, String> settings, Clock hostClock) throws Exception {
        SqliteStore store = SqliteStore.open(dir);
        // Progress every 0.5 s: an interaction token's bucket takes 5 edits per 2 s, as on Discord.
        ConversationEngine engine = new ConversationEngine(nemo.client(), store,
                EngineSettings.defaults().withEditInterval(Duration.ofMillis(500)), Optional.of(nemoToken), Clock.systemUTC());
        Map<String, String> env = new HashMap<>(settings);
        env.put("DISCORD_BOT_TOKEN", FakeDiscord.BOT_TOKEN);
        env.put("DISCORD_API_BASE", discord.apiBase());
        env.put("DISCORD_GATEWAY_URL", discord.gatewayUrl());
        DiscordFrontEnd frontEnd = new DiscordFrontEnd(ConfigLoader.load(DiscordSettings.SECTION, env), hostClock);
        ReelayInstance instance = new ReelayInstance(store, engine, frontEnd);
        try {
            frontEnd.start(engine);
            engine.resume();
        } catch (Exception | AssertionError e) {
            instance.close();
            throw e;
        }
        return instance;
    }

    DiscordFrontEnd frontEnd() {
        return frontEnd;
    }

    @Override
    public void close() {
        frontEnd.close();
        engine.close(Duration.ofSeconds(1));
        store.close();
    }
}
