package com.reelay.discord;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/** Records every Discord call {@link DiscordOutput} makes and answers like Discord would, or fails on request. */
final class RecordingTransport implements DiscordTransport {

    /** One REST call: {@code kind} is what it did, {@code target} the interaction's request id or the channel. */
    record Call(String kind, String target, String messageId, DataObject body, List<String> files, long replyTo,
                boolean ephemeral, String result) {
        String content() {
            return body.getString("content", "");
        }

        DataObject allowedMentions() {
            return body.getObject("allowed_mentions");
        }
    }

    private final List<Call> calls = new ArrayList<>();
    private final Map<String, String> originals = new ConcurrentHashMap<>();
    private final Set<String> failing = new HashSet<>();
    private final Set<String> gone = new HashSet<>();
    private volatile long videoSize = -1;

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized List<Call> calls(String kind) {
        return calls.stream().filter(c -> c.kind().equals(kind)).toList();
    }

    /** Calls of {@code kind} fail from now on. */
    synchronized void fail(String kind) {
        failing.add(kind);
    }

    /** The channel message {@code id} was deleted. */
    synchronized void delete(String id) {
        gone.add(id);
    }

    void videoSize(long bytes) {
        videoSize = bytes;
    }

    @Override
    public synchronized CompletableFuture<String> editInteractionMessage(InteractionReplies interaction, String messageId,
                                                                         MessageEditData data) {
        String id = messageId.equals("@original")
                ? originals.computeIfAbsent(interaction.requestId(), k -> newId())
                : messageId;
        return record(new Call("token-edit", interaction.requestId(), messageId, data.toData(), names(data.getFiles()), 0,
                interaction.ephemeral(), id));
    }

    @Override
    public synchronized CompletableFuture<String> sendFollowup(InteractionReplies interaction, MessageCreateData data,
                                                            boolean ephemeral) {
        return record(new Call("followup", interaction.requestId(), "", data.toData(), names(data.getFiles()), 0,
                ephemeral, newId()));
    }

    @Override
    public synchronized CompletableFuture<Void> deleteInteractionMessage(InteractionReplies interaction, String messageId) {
        return record(new Call("token-delete", interaction.requestId(), messageId, DataObject.empty(), List.of(), 0,
                interaction.ephemeral(), messageId)).thenApply(id -> null);
    }

    @Override
    public synchronized CompletableFuture<String> sendToChannel(ChatAddress chat, MessageCreateData data, long replyTo) {
        return record(new Call("channel-send", Long.toUnsignedString(chat.channelId()), "", data.toData(),
                names(data.getFiles()), replyTo, false, newId()));
    }

    @Override
    public synchronized CompletableFuture<String> editChannelMessage(ChatAddress chat, String messageId, MessageEditData data) {
        Call call = new Call("channel-edit", Long.toUnsignedString(chat.channelId()), messageId, data.toData(),
                names(data.getFiles()), 0, false, messageId);
        if (gone.contains(messageId)) {
            calls.add(call);
            return CompletableFuture.failedFuture(new MessageGone(messageId));
        }
        return record(call);
    }

    @Override
    public CompletableFuture<Long> videoSize(String url) {
        return CompletableFuture.completedFuture(videoSize);
    }

    @Override
    public FileUpload videoUpload(String url, String fileName) {
        return FileUpload.fromStreamSupplier(fileName, () -> new ByteArrayInputStream(new byte[16]));
    }

    @Override
    public synchronized CompletableFuture<Void> typing(ChatAddress chat) {
        calls.add(new Call("typing", Long.toUnsignedString(chat.channelId()), "", DataObject.empty(), List.of(), 0, false, ""));
        return CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<String> record(Call call) {
        calls.add(call);
        boolean withFile = !call.files().isEmpty();
        if (failing.contains(call.kind()) || (withFile && failing.contains("file"))) {
            return CompletableFuture.failedFuture(new IllegalStateException("Discord said no"));
        }
        return CompletableFuture.completedFuture(call.result());
    }

    private static List<String> names(List<FileUpload> files) {
        return files.stream().map(FileUpload::getName).toList();
    }

    private static String newId() {
        return Long.toUnsignedString(Payloads.snowflake());
    }
}
