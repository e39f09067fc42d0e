package com.reelay.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.reelay.core.chat.Activity;
import com.reelay.core.chat.Capabilities;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.FinishedVideo;
import com.reelay.core.chat.MessageRef;
import com.reelay.core.chat.Reply;
import com.reelay.core.chat.SendLine;
import com.reelay.core.chat.send.Recipient;
import com.reelay.core.chat.send.SendBudget;
import com.reelay.core.chat.support.Futures;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import net.dv8tion.jda.api.utils.FileUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the engine speaks on Discord. An answer to a slash command or button goes through the
 * interaction's token: the first replaces the deferred "thinking…" response, the rest are
 * follow-ups, and progress edits them in place. Near the token's end (see {@link InteractionDeadlines})
 * a public answer moves to a channel message that mentions the person once, and the engine's
 * later edits follow it there under the id it already knows. Answers to DMs and mentions are
 * channel messages replying to the person's message.
 *
 * <p>Every message and edit goes through the bot's send budget in the class its reply names,
 * counted against Discord's global limit unless it goes through an interaction's token; where
 * it goes is decided when it is handed over, and decided again when it is sent.
 */
final class DiscordOutput implements ChatOutput {

    private static final Logger log = LoggerFactory.getLogger(DiscordOutput.class);

    private final DiscordTransport transport;
    private final DiscordSettings settings;
    private final Clock clock;
    private final SendBudget budget;
    private final MessageDirectory directory = new MessageDirectory();
    /** By request id; kept a day so answers to requests that waited in line still find their interaction. */
    private final Cache<String, InteractionReplies> interactions = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofDays(1))
            .maximumSize(100_000)
            .build();
    /** Interaction messages being moved to the channel, by the engine's id, so two edits never move one twice. */
    private final Map<String, CompletableFuture<MessageDirectory.InChannel>> moving = new ConcurrentHashMap<>();

    DiscordOutput(DiscordTransport transport, DiscordSettings settings, Clock clock, SendBudget budget) {
        this.transport = transport;
        this.settings = settings;
        this.clock = clock;
        this.budget = budget;
    }

    /** Called before the interaction's event reaches the engine. */
    void register(InteractionReplies interaction) {
        interactions.put(interaction.requestId(), interaction);
    }

    Optional<InteractionReplies> interaction(String requestId) {
        return Optional.ofNullable(interactions.getIfPresent(requestId));
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(DiscordMessages.TEXT_LIMIT, true, true, settings.defaultUploadLimit());
    }

    @Override
    public CompletableFuture<MessageRef> send(ChatRef chat, String requestId, Reply reply) {
        return budget.send(deliveryRoute(chat, requestId), reply.urgency(), requestId,
                () -> deliver(chat, requestId, reply, List.of())).thenApply(id -> new MessageRef(chat, id));
    }

    @Override
    public CompletableFuture<Void> edit(MessageRef message, Reply reply) {
        return budget.edit(editRoute(message), message.messageId(), reply.urgency(), () -> editNow(message, reply));
    }

    @Override
    public SendLine sendLine() {
        return budget.line();
    }

    /** Through the interaction's token while it answers, else a channel message the global limit counts. */
    private Recipient deliveryRoute(ChatRef chat, String requestId) {
        InteractionReplies interaction = interactions.getIfPresent(requestId == null ? "" : requestId);
        return interaction != null && interaction.answersThroughToken(clock.instant())
                ? DiscordLimits.interaction(chat) : DiscordLimits.channel(chat);
    }

    private Recipient editRoute(MessageRef message) {
        Optional<MessageDirectory.Place> known = directory.find(message.messageId());
        return known.isPresent() && known.get() instanceof MessageDirectory.ThroughToken token
                && token.interaction().answersThroughToken(clock.instant())
                ? DiscordLimits.interaction(message.chat()) : DiscordLimits.channel(message.chat());
    }

    private CompletableFuture<Void> editNow(MessageRef message, Reply reply) {
        ChatAddress chat = ChatAddress.of(message.chat());
        String engineId = message.messageId();
        Optional<MessageDirectory.Place> known = directory.find(engineId);
        if (known.isPresent() && known.get() instanceof MessageDirectory.ThroughToken token) {
            InteractionReplies interaction = token.interaction();
            if (interaction.answersThroughToken(clock.instant())) {
                return transport.editInteractionMessage(interaction, token.messageId(), DiscordMessages.edit(reply, 0, List.of()))
                        .<Void>thenApply(id -> null)
                        .exceptionallyCompose(error -> {
                            if (interaction.ephemeral()) {
                                return CompletableFuture.failedFuture(error);
                            }
                            log.info("interaction edit failed request={} ({}): continuing in the channel",
                                    interaction.requestId(), FailureText.of(error));
                            return move(chat, engineId, token, reply);
                        });
            }
            if (interaction.ephemeral() && interaction.ack() != InteractionReplies.Ack.LOST) {
                return expiredPrivately(interaction);
            }
            return move(chat, engineId, token, reply);
        }
        MessageDirectory.InChannel place = known.map(p -> (MessageDirectory.InChannel) p)
                .orElse(new MessageDirectory.InChannel(engineId, 0));
        String channelId = place.messageId();
        return transport.editChannelMessage(chat, channelId, DiscordMessages.edit(reply, place.mentionUserId(), List.of()))
                .<Void>thenApply(id -> null)
                .exceptionallyCompose(error -> {
                    if (!(Futures.unwrap(error) instanceof MessageGone)) {
                        return CompletableFuture.failedFuture(error);
                    }
                    // Deleted, or an interaction message from before a restart that only its token could edit.
                    log.info("message {} cannot be edited: posting its update anew chat={}", channelId, message.chat());
                    return transport.sendToChannel(chat, DiscordMessages.create(reply, 0, List.of()), 0)
                            .thenAccept(id -> directory.put(engineId, new MessageDirectory.InChannel(id, 0)));
                });
    }

    @Override
    public CompletableFuture<MessageRef> sendVideo(ChatRef chat, String requestId, FinishedVideo video) {
        long limit = uploadLimit(requestId);
        CompletableFuture<Long> size = video.sizeBytes() >= 0
                ? CompletableFuture.completedFuture(video.sizeBytes())
                : transport.videoSize(video.url()).exceptionally(error -> -1L);
        return size.thenCompose(bytes -> budget.send(deliveryRoute(chat, requestId), video.caption().urgency(), requestId,
                () -> deliverVideo(chat, requestId, video, bytes, limit))).thenApply(id -> new MessageRef(chat, id));
    }

    private CompletableFuture<String> deliverVideo(ChatRef chat, String requestId, FinishedVideo video, long bytes,
                                                   long limit) {
        if (bytes <= 0 || bytes > limit) {
            log.info("video posted as a link chat={} request={} size={} limit={}", chat, requestId, bytes, limit);
            return deliver(chat, requestId, video.caption(), List.of());
        }
        FileUpload file = transport.videoUpload(video.url(), fileName(video.url()));
        return deliver(chat, requestId, video.caption(), List.of(file)).exceptionallyCompose(error -> {
            log.info("video upload failed chat={} request={} ({}): posting the link only", chat, requestId,
                    FailureText.of(error));
            return deliver(chat, requestId, video.caption(), List.of());
        });
    }

    /** Typing is a hint: it goes when nobody waits (the global limit counts it), and is dropped otherwise. */
    @Override
    public void showActivity(ChatRef chat, Activity activity) {
        budget.hint(DiscordLimits.channel(chat), () -> {
            try {
                return transport.typing(ChatAddress.of(chat));
            } catch (RuntimeException e) {
                log.debug("typing not shown chat={}: {}", chat, FailureText.of(e));
                return CompletableFuture.completedFuture(null);
            }
        });
    }

    // ---- new messages --------------------------------------------------------------------------

    private CompletableFuture<String> deliver(ChatRef chatRef, String requestId, Reply reply, List<FileUpload> files) {
        ChatAddress chat = ChatAddress.of(chatRef);
        InteractionReplies interaction = interactions.getIfPresent(requestId == null ? "" : requestId);
        if (interaction == null) {
            return transport.sendToChannel(chat, DiscordMessages.create(reply, 0, files), RequestIds.repliedMessage(requestId))
                    .thenApply(id -> inChannel(id, 0).messageId());
        }
        if (reply.toAskerOnly() && !interaction.ephemeral() && interaction.answersThroughToken(clock.instant())) {
            return privately(interaction, reply, files);
        }
        if (interaction.answersThroughToken(clock.instant())) {
            return throughToken(interaction, reply, files).exceptionallyCompose(error -> {
                if (interaction.ephemeral() && interaction.ack() != InteractionReplies.Ack.LOST) {
                    return CompletableFuture.failedFuture(error);
                }
                log.info("interaction answer failed request={} ({}): answering in the channel", requestId,
                        FailureText.of(error));
                return inChannel(chat, interaction, reply, files, null).thenApply(MessageDirectory.InChannel::messageId);
            });
        }
        if (interaction.ephemeral() && interaction.ack() != InteractionReplies.Ack.LOST) {
            return expiredPrivately(interaction);
        }
        return inChannel(chat, interaction, reply, files, null).thenApply(MessageDirectory.InChannel::messageId);
    }

    /**
     * What concerns only the asker, in a public interaction: an ephemeral follow-up. When it is the
     * interaction's first answer, the public "thinking…" response is deleted so nobody is left waiting on it.
     */
    private CompletableFuture<String> privately(InteractionReplies interaction, Reply reply, List<FileUpload> files) {
        if (interaction.claimOriginal()) {
            transport.deleteInteractionMessage(interaction, "@original").exceptionally(error -> {
                log.debug("thinking message not removed request={}: {}", interaction.requestId(), FailureText.of(error));
                return null;
            });
        }
        return transport.sendFollowup(interaction, DiscordMessages.create(reply, 0, files), true).thenApply(id -> {
            directory.put(id, new MessageDirectory.ThroughToken(interaction, id));
            return id;
        });
    }

    private CompletableFuture<String> throughToken(InteractionReplies interaction, Reply reply, List<FileUpload> files) {
        if (interaction.claimOriginal()) {
            return transport.editInteractionMessage(interaction, "@original", DiscordMessages.edit(reply, 0, files))
                    .thenApply(id -> {
                        directory.put(id, new MessageDirectory.ThroughToken(interaction, "@original"));
                        return id;
                    });
        }
        return transport.sendFollowup(interaction, DiscordMessages.create(reply, 0, files), interaction.ephemeral()).thenApply(id -> {
            directory.put(id, new MessageDirectory.ThroughToken(interaction, id));
            return id;
        });
    }

    /**
     * Continues an interaction in a channel message, mentioning the person the first time. The token
     * message it replaces (or a deferred response that never got an answer) points to it while the
     * token can still edit.
     */
    private CompletableFuture<MessageDirectory.InChannel> inChannel(ChatAddress chat, InteractionReplies interaction,
                                                                    Reply reply, List<FileUpload> files,
                                                                    String replacedTokenMessage) {
        long mention = interaction.claimMention() ? interaction.userId() : 0;
        String retired = interaction.claimOriginal() ? "@original" : replacedTokenMessage;
        return transport.sendToChannel(chat, DiscordMessages.create(reply, mention, files), 0).thenApply(id -> {
            if (retired != null && interaction.tokenCanEdit(clock.instant())) {
                transport.editInteractionMessage(interaction, retired, DiscordMessages.continuedBelow(interaction.book()))
                        .exceptionally(error -> {
                            log.debug("interaction message not pointed below request={}: {}", interaction.requestId(),
                                    FailureText.of(error));
                            return null;
                        });
            }
            return inChannel(id, mention);
        });
    }

    private MessageDirectory.InChannel inChannel(String messageId, long mention) {
        MessageDirectory.InChannel place = new MessageDirectory.InChannel(messageId, mention);
        directory.put(messageId, place);
        return place;
    }

    /** Moves an interaction message the engine is still editing into the channel, once. */
    private CompletableFuture<Void> move(ChatAddress chat, String engineId, MessageDirectory.ThroughToken token, Reply reply) {
        boolean[] mine = new boolean[1];
        CompletableFuture<MessageDirectory.InChannel> moved = moving.computeIfAbsent(engineId, id -> {
            mine[0] = true;
            log.info("interaction token ending request={}: progress moves to a channel message",
                    token.interaction().requestId());
            return inChannel(chat, token.interaction(), reply, List.of(), token.messageId()).thenApply(place -> {
                directory.put(engineId, place);
                return place;
            });
        });
        moved.whenComplete((place, error) -> moving.remove(engineId, moved));
        if (mine[0]) {
            return moved.thenApply(place -> null);
        }
        return moved.thenCompose(place -> transport.editChannelMessage(chat, place.messageId(),
                DiscordMessages.edit(reply, place.mentionUserId(), List.of()))).thenApply(id -> null);
    }

    private static <T> CompletableFuture<T> expiredPrivately(InteractionReplies interaction) {
        log.info("private answer dropped request={}: its interaction expired", interaction.requestId());
        return CompletableFuture.failedFuture(new IllegalStateException("the interaction expired"));
    }

    private long uploadLimit(String requestId) {
        InteractionReplies interaction = requestId == null ? null : interactions.getIfPresent(requestId);
        long reported = interaction == null ? 0 : interaction.uploadLimit();
        return reported > 0 ? reported : settings.defaultUploadLimit();
    }

    static String fileName(String url) {
        String path = url;
        int cut = path.indexOf('?');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.matches("[A-Za-z0-9._-]{1,100}") && name.contains(".") ? name : "reelay-video.mp4";
    }
}
