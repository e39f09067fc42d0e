package com.reelay.discord;

import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * The Discord calls {@link DiscordOutput} makes, one method per REST call, so its routing and
 * deadlines can be tested against a recording double. Futures complete with Discord's message id.
 */
interface DiscordTransport {

    /** Edits a message sent through an interaction's token; {@code messageId} may be {@code @original}. */
    CompletableFuture<String> editInteractionMessage(InteractionReplies interaction, String messageId, MessageEditData data);

    /** Sends a follow-up message through an interaction's token; {@code ephemeral}: only the asker sees it. */
    CompletableFuture<String> sendFollowup(InteractionReplies interaction, MessageCreateData data, boolean ephemeral);

    /** Deletes a message sent through an interaction's token ({@code @original}: the deferred response). */
    CompletableFuture<Void> deleteInteractionMessage(InteractionReplies interaction, String messageId);

    /** Posts in the chat's channel; {@code replyTo} (0: none) is the person's message being answered. */
    CompletableFuture<String> sendToChannel(ChatAddress chat, MessageCreateData data, long replyTo);

    CompletableFuture<String> editChannelMessage(ChatAddress chat, String messageId, MessageEditData data);

    /** The size of a finished video, from the response headers only; -1 when the server does not say. */
    CompletableFuture<Long> videoSize(String url);

    /** The video as an attachment streamed from {@code url} while Discord's request is written. */
    FileUpload videoUpload(String url, String fileName);

    /** Best effort "Reelay is typing…"; completes when Discord answered (never fails). */
    CompletableFuture<Void> typing(ChatAddress chat);
}
