package com.reelay.discord;

import com.reelay.core.chat.support.DaemonThreads;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.interactions.commands.SlashCommandInteraction;
import net.dv8tion.jda.api.interactions.components.buttons.ButtonInteraction;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.internal.JDAImpl;
import net.dv8tion.jda.internal.interactions.command.SlashCommandInteractionImpl;
import net.dv8tion.jda.internal.interactions.components.buttons.ButtonInteractionImpl;
import net.dv8tion.jda.internal.utils.config.AuthorizationConfig;
import net.dv8tion.jda.internal.utils.config.ThreadingConfig;

/**
 * A JDA that never connects, turning gateway JSON into the same interaction and message objects a
 * live session hands to listeners. Guilds are not cached, so server interactions come out as JDA's
 * detached entities, which answer every question {@link InboundReader} asks.
 */
final class OfflineJda implements AutoCloseable {

    private final ScheduledExecutorService pool = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("offline-jda"));
    private final JDAImpl jda;

    OfflineJda() {
        // Reading content asks the gateway which intents are on; there is no gateway here.
        Message.suppressContentIntentWarning();
        ThreadingConfig threads = ThreadingConfig.getDefault();
        threads.setGatewayPool(pool, false); // interaction hooks schedule their expiry here
        threads.init(() -> "offline");
        jda = new JDAImpl(new AuthorizationConfig("offline-token"), null, threads, null, null, null);
        jda.getEntityBuilder().createSelfUser(Payloads.botUser().put("application_id", Long.toUnsignedString(Payloads.APP_ID)));
    }

    SlashCommandInteraction slashCommand(DataObject payload) {
        return new SlashCommandInteractionImpl(jda, payload);
    }

    ButtonInteraction buttonPress(DataObject payload) {
        return new ButtonInteractionImpl(jda, payload);
    }

    /** A DM as MESSAGE_CREATE delivers it. */
    Message directMessage(DataObject payload) {
        return jda.getEntityBuilder().createMessageWithLookup(payload, null, true);
    }

    /** A server message in {@code channel} (take it from an interaction in that channel). */
    Message serverMessage(DataObject payload, MessageChannel channel) {
        return jda.getEntityBuilder().createMessageWithChannel(payload, channel, true);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
