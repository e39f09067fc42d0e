package com.reelay.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.reelay.core.chat.support.Futures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import com.reelay.core.chat.Undeliverable;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.restaction.MessageCreateAction;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** {@link DiscordTransport} over JDA: its rate limiter, its interaction hooks, its HTTP client. */
final class JdaTransport implements DiscordTransport {

    /**
     * This instance's gateway sessions by shard id: put after login and again by each event (before it
     * reaches the engine), so shards built later and sessions JDA rebuilt are found too.
     */
    private final ConcurrentSkipListMap<Integer, JDA> shards = new ConcurrentSkipListMap<>();
    /** Channels seen in events, for chats JDA's cache does not hold (e.g. DMs it was told about by an interaction). */
    private final Cache<Long, MessageChannel> seen = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofDays(1))
            .maximumSize(50_000)
            .build();

    void attach(JDA client) {
        shards.put(client.getShardInfo().getShardId(), client);
    }

    void remember(MessageChannel channel) {
        seen.put(channel.getIdLong(), channel);
    }

    @Override
    public CompletableFuture<String> editInteractionMessage(InteractionReplies interaction, String messageId,
                                                            MessageEditData data) {
        return interaction.hook().editMessageById(messageId, data).submit().thenApply(Message::getId);
    }

    @Override
    public CompletableFuture<String> sendFollowup(InteractionReplies interaction, MessageCreateData data, boolean ephemeral) {
        return interaction.hook().sendMessage(data).setEphemeral(ephemeral).submit()
                .thenApply(Message::getId);
    }

    @Override
    public CompletableFuture<Void> deleteInteractionMessage(InteractionReplies interaction, String messageId) {
        return interaction.hook().deleteMessageById(messageId).submit();
    }

    @Override
    public CompletableFuture<String> sendToChannel(ChatAddress chat, MessageCreateData data, long replyTo) {
        return channel(chat).thenCompose(channel -> {
            MessageCreateAction action = channel.sendMessage(data);
            if (replyTo != 0) {
                action = action.setMessageReference(replyTo).failOnInvalidReply(false).mentionRepliedUser(false);
            }
            return action.submit();
        }).handle((message, error) -> {
            if (error == null) {
                return message.getId();
            }
            Throwable cause = Futures.unwrap(error);
            if (cause instanceof ErrorResponseException e && unreachable(e.getErrorResponse())) {
                throw new Undeliverable("Discord " + e.getErrorResponse().getCode() + ": " + e.getErrorResponse().getMeaning());
            }
            throw error instanceof RuntimeException r ? r : new IllegalStateException(cause);
        });
    }

    /** The channel is gone or closed to the bot (removed, blocked, DMs off): nothing sent there will arrive. */
    private static boolean unreachable(ErrorResponse response) {
        return response == ErrorResponse.UNKNOWN_CHANNEL || response == ErrorResponse.CANNOT_SEND_TO_USER
                || response == ErrorResponse.MISSING_ACCESS || response == ErrorResponse.MISSING_PERMISSIONS
                || response == ErrorResponse.UNKNOWN_USER;
    }

    @Override
    public CompletableFuture<String> editChannelMessage(ChatAddress chat, String messageId, MessageEditData data) {
        return channel(chat)
                .thenCompose(channel -> channel.editMessageById(messageId, data).submit())
                .handle((message, error) -> {
                    if (error == null) {
                        return message.getId();
                    }
                    Throwable cause = Futures.unwrap(error);
                    if (cause instanceof ErrorResponseException e && gone(e.getErrorResponse())) {
                        throw new MessageGone(messageId);
                    }
                    throw error instanceof RuntimeException r ? r : new IllegalStateException(cause);
                });
    }

    private static boolean gone(ErrorResponse response) {
        return response == ErrorResponse.UNKNOWN_MESSAGE || response == ErrorResponse.INVALID_AUTHOR_EDIT;
    }

    @Override
    public CompletableFuture<Long> videoSize(String url) {
        CompletableFuture<Long> size = new CompletableFuture<>();
        Request request = new Request.Builder().url(url).get().build();
        http().newCall(request).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                size.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call call, Response response) {
                // Only the headers are read: closing the response drops the body unread.
                try (response) {
                    String length = response.header("Content-Length");
                    size.complete(response.isSuccessful() && length != null ? parse(length) : -1L);
                }
            }
        });
        return size;
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public FileUpload videoUpload(String url, String fileName) {
        // A supplier, so each attempt JDA makes (e.g. after a rate limit) streams the video afresh.
        return FileUpload.fromStreamSupplier(fileName, () -> {
            try {
                return open(url);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private InputStream open(String url) throws IOException {
        Response response = http().newCall(new Request.Builder().url(url).get().build()).execute();
        if (!response.isSuccessful()) {
            response.close();
            throw new IOException("video download answered HTTP " + response.code());
        }
        return response.body().byteStream(); // closing the stream releases the connection
    }

    @Override
    public CompletableFuture<Void> typing(ChatAddress chat) {
        MessageChannel channel = cached(chat);
        if (channel == null) {
            return CompletableFuture.completedFuture(null);
        }
        return channel.sendTyping().submit().handle((ok, error) -> null);
    }

    OkHttpClient http() {
        return any().getHttpClient();
    }

    /** REST calls that need no cached entity go through any shard: Discord routes them by the bot's token alone. */
    private JDA any() {
        Map.Entry<Integer, JDA> first = shards.firstEntry();
        if (first == null) {
            throw new IllegalStateException("Discord is not connected yet");
        }
        return first.getValue();
    }

    private CompletableFuture<MessageChannel> channel(ChatAddress chat) {
        MessageChannel channel = cached(chat);
        if (channel != null) {
            return CompletableFuture.completedFuture(channel);
        }
        if (chat.hasUser()) {
            // A DM JDA has forgotten (e.g. after a restart): Discord gives the same channel back for the person.
            return any().openPrivateChannelById(chat.userId()).submit().thenApply(c -> {
                if (c.getIdLong() != chat.channelId()) {
                    throw new IllegalStateException("channel " + chat.channelId() + " is not known");
                }
                return (MessageChannel) c;
            });
        }
        return CompletableFuture.failedFuture(new IllegalStateException("channel " + chat.channelId() + " is not known"));
    }

    /** Whether this instance's shards hold the chat's channel now (or an event showed it lately). */
    boolean knows(ChatAddress chat) {
        return cached(chat) != null;
    }

    /** The channel from the cache of the shard that holds it (DMs: shard 0), else as an event showed it. */
    private MessageChannel cached(ChatAddress chat) {
        for (JDA jda : shards.values()) {
            MessageChannel channel = jda.getChannelById(MessageChannel.class, chat.channelId());
            if (channel == null) {
                channel = jda.getPrivateChannelById(chat.channelId());
            }
            if (channel != null) {
                return channel;
            }
        }
        return seen.getIfPresent(chat.channelId());
    }
}
