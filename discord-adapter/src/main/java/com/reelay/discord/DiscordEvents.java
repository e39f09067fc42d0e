package com.reelay.discord;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.ChatEngine;
import com.reelay.core.chat.Inbound;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.RawGatewayEvent;
import net.dv8tion.jda.api.events.StatusChangeEvent;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.requests.CloseCode;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discord's events, handed to the engine. Every interaction is acknowledged (deferred) as soon as
 * it arrives, whatever this host's clock says; only if Discord refuses do its answers go to the
 * channel instead. Its answers are registered with the output before the
 * engine sees the event, so the engine's first reply can use the token.
 */
final class DiscordEvents extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(DiscordEvents.class);

    private final ChatEngine engine;
    private final InboundReader reader;
    private final DiscordOutput output;
    private final JdaTransport transport;
    private final DiscordSettings settings;
    private final Clock clock;
    /** One count per shard of this instance: ready once each has connected with its guilds loaded. */
    private final CountDownLatch ready;
    private final Set<Integer> connectedOnce = ConcurrentHashMap.newKeySet();

    DiscordEvents(ChatEngine engine, InboundReader reader, DiscordOutput output, JdaTransport transport,
                  DiscordSettings settings, Clock clock) {
        this.engine = engine;
        this.reader = reader;
        this.output = output;
        this.transport = transport;
        this.settings = settings;
        this.clock = clock;
        this.ready = new CountDownLatch(settings.shards().size());
    }

    CountDownLatch ready() {
        return ready;
    }

    @Override
    public void onReady(ReadyEvent event) {
        JDA jda = event.getJDA();
        int shard = jda.getShardInfo().getShardId();
        transport.attach(jda);
        // Global commands belong to the application, not to a session: registering them from every
        // instance would only repeat the same call. Shard 0 runs exactly once in a correctly split fleet.
        if (shard == 0) {
            jda.updateCommands().addCommands(SlashCommands.all()).queue(
                    commands -> log.info("Discord commands registered globally: {}", commands.size()),
                    error -> log.warn("Discord global commands not registered: {}", FailureText.of(error)));
        }
        for (long guildId : settings.guildIds()) {
            if (settings.shardOf(guildId) == shard && jda.getGuildById(guildId) == null) {
                log.warn("Discord guild {} is configured but the bot is not in it", Long.toUnsignedString(guildId));
            }
        }
        log.info("Discord connected as {} in {} guilds (shard {})", jda.getSelfUser().getName(),
                event.getGuildTotalCount(), jda.getShardInfo().getShardString());
    }

    /** JDA says CONNECTED only after the ready event: counting then, a ready instance is also a connected one. */
    @Override
    public void onStatusChange(StatusChangeEvent event) {
        if (event.getNewStatus() == JDA.Status.CONNECTED && connectedOnce.add(event.getJDA().getShardInfo().getShardId())) {
            ready.countDown();
        }
    }

    /** Discord refused the shard numbers; JDA gives up on that session, so the operator must change them. */
    @Override
    public void onShutdown(ShutdownEvent event) {
        CloseCode code = event.getCloseCode();
        if (code == CloseCode.INVALID_SHARD || code == CloseCode.SHARDING_REQUIRED) {
            log.error("Discord closed shard {}: {} Set DISCORD_SHARD_TOTAL (and each instance's DISCORD_SHARD_IDS)"
                    + " so that no shard holds more than 2,500 servers", event.getJDA().getShardInfo().getShardString(),
                    code.getMeaning());
        }
    }

    /**
     * Commands registered in a server show at once. A server's events come only on its shard, so
     * exactly one instance of a fleet registers them.
     */
    @Override
    public void onGuildReady(GuildReadyEvent event) {
        long guildId = event.getGuild().getIdLong();
        if (settings.guildIds().contains(guildId)) {
            event.getGuild().updateCommands().addCommands(SlashCommands.all()).queue(
                    commands -> log.info("Discord commands registered in guild {}", Long.toUnsignedString(guildId)),
                    error -> log.warn("Discord commands not registered in guild {}: {}", Long.toUnsignedString(guildId),
                            FailureText.of(error)));
        }
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        if (refusedGuild(event)) {
            return;
        }
        handle(() -> {
            Inbound inbound = reader.fromSlashCommand(event.getInteraction());
            accept(event, event.getHook(), inbound, SlashCommands.answersPrivately(event.getName()));
        });
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        if (refusedGuild(event)) {
            return;
        }
        handle(() -> {
            Optional<Inbound> inbound = reader.fromButton(event.getInteraction());
            if (inbound.isEmpty()) {
                event.reply(reader.book(event).phrase("button.gone")).setEphemeral(true)
                        .queue(ok -> { }, error -> log.debug("unknown button not answered: {}", FailureText.of(error)));
                return;
            }
            boolean credits = inbound.get().content() instanceof Inbound.Button b && b.action().equals(Action.CREDITS);
            accept(event, event.getHook(), inbound.get(), credits);
        });
    }

    /** Interactions from servers the operator did not allow get a private refusal and nothing else. */
    private boolean refusedGuild(net.dv8tion.jda.api.interactions.callbacks.IReplyCallback event) {
        Long guild = event.getGuild() == null ? null : event.getGuild().getIdLong();
        if (settings.serves(guild)) {
            return false;
        }
        io.micrometer.core.instrument.Metrics.counter("reelay.guard.refused", "reason", "guild_not_allowed").increment();
        event.reply(reader.book(event).phrase("discord.guild_not_enabled")).setEphemeral(true)
                .queue(ok -> { }, error -> log.debug("refusal not sent: {}", FailureText.of(error)));
        return true;
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        if (event.isFromGuild() && !settings.serves(event.getGuild().getIdLong())) {
            return; // mentions in servers the bot does not serve are other chatter
        }
        handle(() -> {
            transport.attach(event.getJDA());
            reader.fromMessage(event.getMessage(), event.getJDA().getSelfUser().getIdLong()).ifPresent(inbound -> {
                transport.remember(event.getChannel());
                engine.accept(inbound);
            });
        });
    }

    /** Reads the upload limit Discord reports with each interaction (JDA does not expose it). */
    @Override
    public void onRawGateway(RawGatewayEvent event) {
        if (!"INTERACTION_CREATE".equals(event.getType())) {
            return;
        }
        DataObject payload = event.getPayload();
        long limit = payload.getLong("attachment_size_limit", 0);
        if (limit > 0) {
            output.interaction(RequestIds.forInteraction(payload.getUnsignedLong("id", 0)))
                    .ifPresent(interaction -> interaction.uploadLimit(limit));
        }
    }

    private void accept(IReplyCallback callback, InteractionHook hook, Inbound inbound, boolean ephemeral) {
        transport.attach(callback.getJDA());
        transport.remember(callback.getMessageChannel());
        InteractionDeadlines deadlines = InteractionDeadlines.of(callback.getTimeCreated().toInstant(), clock.instant(),
                settings);
        InteractionReplies replies = new InteractionReplies(inbound.requestId(), hook, reader.chat(callback),
                callback.getUser().getIdLong(), ephemeral, deadlines, reader.book(callback));
        output.register(replies);
        // Always try: only Discord knows whether it is too late (this host's clock may be off).
        callback.deferReply(ephemeral).queue(ok -> replies.acknowledged(), error -> {
            replies.lost();
            log.warn("interaction not acknowledged request={}: {}; answering in the channel", inbound.requestId(),
                    FailureText.of(error));
        });
        engine.accept(inbound);
    }

    /** JDA would log a listener's exception with its message; ours are logged without secrets instead. */
    private static void handle(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.error("Discord event not handled: {}", FailureText.of(e));
            log.debug("Discord event failure", e);
        }
    }
}
