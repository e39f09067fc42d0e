package com.reelay.discord;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;

/**
 * JDA's session controller with the gateway URL from the settings (Discord's own by default). A
 * shard manager asks Discord for the gateway ({@code GET /gateway/bot}); the answer's identify
 * concurrency is kept, so shards connect as fast as Discord allows, and only the URL is replaced.
 */
final class ConfiguredGateway extends ConcurrentSessionController {

    private final String url;

    ConfiguredGateway(String url) {
        this.url = url;
    }

    @Override
    public String getGateway() {
        return url;
    }

    @Override
    public ShardedGateway getShardedGateway(JDA api) {
        ShardedGateway discord = super.getShardedGateway(api);
        return new ShardedGateway(url, discord.getShardTotal(), discord.getConcurrency());
    }
}
