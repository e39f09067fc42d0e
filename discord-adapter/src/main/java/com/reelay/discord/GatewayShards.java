package com.reelay.discord;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import okhttp3.OkHttpClient;

/**
 * This instance's gateway sessions: one plain JDA session, or JDA's shard manager running the
 * shards the settings give this instance. Both use the light cache and the two non-privileged
 * intents, and the gateway URL of the settings.
 */
final class GatewayShards {

    private final List<Integer> ids;
    private final Supplier<List<JDA>> running;
    private final Runnable shutdown;

    private GatewayShards(List<Integer> ids, Supplier<List<JDA>> running, Runnable shutdown) {
        this.ids = ids;
        this.running = running;
        this.shutdown = shutdown;
    }

    /**
     * Logs in (checking the token) and connects in the background: with a shard manager, the first
     * shard is built here and the others follow as Discord's identify limit allows.
     *
     * @param http carries the interceptors every REST call goes through
     */
    static GatewayShards connect(DiscordSettings settings, Object listener, OkHttpClient.Builder http) {
        RestConfig rest = new RestConfig().setBaseUrl(settings.apiBase());
        ConfiguredGateway gateway = new ConfiguredGateway(settings.gatewayUrl());
        if (!settings.sharded()) {
            JDA jda = JDABuilder.createLight(settings.botToken(), GatewayIntent.GUILD_MESSAGES, GatewayIntent.DIRECT_MESSAGES)
                    .setRestConfig(rest).setHttpClientBuilder(http).setSessionController(gateway)
                    .setRawEventsEnabled(true).setEnableShutdownHook(false).addEventListeners(listener)
                    .build();
            return new GatewayShards(List.of(0), () -> List.of(jda), jda::shutdown);
        }
        ShardManager manager = DefaultShardManagerBuilder
                .createLight(settings.botToken(), GatewayIntent.GUILD_MESSAGES, GatewayIntent.DIRECT_MESSAGES)
                .setShardsTotal(settings.shardTotal()).setShards(settings.shards())
                .setRestConfig(rest).setHttpClientBuilder(http).setSessionController(gateway)
                .setRawEventsEnabled(true).setEnableShutdownHook(false).addEventListeners(listener)
                .build();
        return new GatewayShards(settings.shards(), manager::getShards, manager::shutdown);
    }

    /** The shards this instance runs. */
    List<Integer> ids() {
        return ids;
    }

    /** The sessions built so far (a shard manager builds its shards one after another). */
    List<JDA> running() {
        return running.get();
    }

    /** The shards whose session is connected right now (JDA reconnects each by itself after a drop). */
    List<Integer> connected() {
        return running().stream().filter(jda -> jda.getStatus() == JDA.Status.CONNECTED)
                .map(jda -> jda.getShardInfo().getShardId()).sorted().toList();
    }

    /** Disconnects every shard, letting queued requests go out for up to {@code grace}, then cuts them off. */
    void close(Duration grace) {
        List<JDA> shards = running();
        shutdown.run();
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            for (JDA jda : shards) {
                // At least 1 ms: JDA reads a timeout of 0 as "wait for ever".
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                if (!jda.awaitShutdown(left, TimeUnit.MILLISECONDS)) {
                    jda.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            shards.forEach(JDA::shutdownNow);
            Thread.currentThread().interrupt();
        }
    }
}
