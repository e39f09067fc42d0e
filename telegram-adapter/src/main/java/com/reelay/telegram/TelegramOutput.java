package com.reelay.telegram;

import com.reelay.core.chat.Activity;
import com.reelay.core.chat.Capabilities;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.FinishedVideo;
import com.reelay.core.chat.MessageRef;
import com.reelay.core.chat.Reply;
import com.reelay.core.chat.SendLine;
import com.reelay.core.chat.support.SecretMask;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.ActionType;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * How the engine speaks in Telegram: replies become HTML messages with inline buttons, all paced
 * through the {@link Outbox}. In groups an answer quotes the message it answers.
 */
final class TelegramOutput implements ChatOutput {

    static final String PLATFORM = "telegram";

    private static final Logger log = LoggerFactory.getLogger(TelegramOutput.class);

    private final BotApi api;
    private final Outbox outbox;
    private final TelegramSettings settings;
    private final SecretMask mask;

    TelegramOutput(BotApi api, Outbox outbox, TelegramSettings settings, SecretMask mask) {
        this.api = api;
        this.outbox = outbox;
        this.settings = settings;
        this.mask = mask;
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(TelegramMessages.MAX_TEXT, true, true,
                settings.attachVideos() ? settings.videoUploadLimitBytes() : 0);
    }

    @Override
    public CompletableFuture<MessageRef> send(ChatRef chat, String requestId, Reply reply) {
        String chatId;
        try {
            chatId = chatId(chat);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        SendMessage html = TelegramMessages.send(chatId, reply, replyTo(requestId, chatId));
        return outbox.send(chatId, reply.urgency(), requestId, () -> api.call(html).exceptionallyCompose(error -> badMarkup(error)
                        ? api.call(TelegramMessages.plain(html, reply))
                        : CompletableFuture.failedFuture(error)))
                .thenApply(message -> ref(chat, message))
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(ApiFailure.forEngine(error)));
    }

    @Override
    public CompletableFuture<Void> edit(MessageRef message, Reply reply) {
        String chatId;
        int messageId;
        try {
            chatId = chatId(message.chat());
            messageId = Integer.parseInt(message.messageId());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        EditMessageText html = TelegramMessages.edit(chatId, messageId, reply);
        return outbox.edit(chatId, messageId, reply.urgency(), () -> api.call(html).exceptionallyCompose(error -> badMarkup(error)
                ? api.call(TelegramMessages.plain(html, reply))
                : CompletableFuture.failedFuture(error)))
                .exceptionallyCompose(error -> CompletableFuture.<Void>failedFuture(ApiFailure.forEngine(error)));
    }

    /**
     * The link always (it is in the caption, added if missing); the file itself too when uploads
     * are on and it fits the limit. If the upload fails for any reason but a rate limit (which the
     * outbox waits out), the link goes out as a message instead.
     */
    @Override
    public CompletableFuture<MessageRef> sendVideo(ChatRef chat, String requestId, FinishedVideo video) {
        Reply caption = withLink(video.caption(), video.url());
        long limit = settings.videoUploadLimitBytes();
        if (!settings.attachVideos() || limit == 0 || video.sizeBytes() > limit || !isWebUrl(video.url())
                || !PLATFORM.equals(chat.platform())) {
            return send(chat, requestId, caption);
        }
        String chatId = chat.id();
        boolean captionFits = TelegramMessages.fitsCaption(caption);
        BotApi.VideoUpload upload = new BotApi.VideoUpload(chatId, video.url(), limit,
                captionFits ? TelegramMessages.html(caption.text()) : null,
                captionFits ? TelegramMessages.keyboard(caption.buttons()) : null,
                replyTo(requestId, chatId));
        return outbox.send(chatId, caption.urgency(), requestId, () -> api.sendVideo(upload)).handle((message, error) -> {
            if (error == null) {
                return captionFits ? CompletableFuture.completedFuture(ref(chat, message)) : send(chat, requestId, caption);
            }
            log.info("video not attached chat={} request={}: {}; sending the link", chatId, requestId,
                    mask.describe(error));
            return send(chat, requestId, caption);
        }).thenCompose(f -> f);
    }

    @Override
    public void showActivity(ChatRef chat, Activity activity) {
        if (!PLATFORM.equals(chat.platform())) {
            return;
        }
        try {
            String action = activity == Activity.UPLOADING_VIDEO ? ActionType.UPLOAD_VIDEO.toString() : ActionType.TYPING.toString();
            SendChatAction method = SendChatAction.builder().chatId(chatId(chat)).action(action).build();
            outbox.chatAction(chatId(chat), () -> api.call(method));
        } catch (RuntimeException e) {
            log.debug("chat action skipped chat={}: {}", chat, mask.describe(e));
        }
    }

    @Override
    public SendLine sendLine() {
        return outbox.line();
    }

    private static Reply withLink(Reply caption, String url) {
        if (caption == null) {
            return Reply.text(url);
        }
        return caption.text().contains(url) ? caption
                : new Reply(caption.text() + "\n" + url, caption.buttons(), caption.urgency());
    }

    private static boolean isWebUrl(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://"));
    }

    /** Quotes the person's message in groups, where several people talk; private chats need no quote. */
    private static Integer replyTo(String requestId, String chatId) {
        return chatId.startsWith("-") ? RequestIds.messageOf(requestId, chatId).orElse(null) : null;
    }

    private static boolean badMarkup(Throwable error) {
        return ApiFailure.of(error).kind() == ApiFailure.Kind.BAD_MARKUP;
    }

    private static MessageRef ref(ChatRef chat, Message message) {
        return new MessageRef(chat, String.valueOf(message.getMessageId()));
    }

    private static String chatId(ChatRef chat) {
        if (!PLATFORM.equals(chat.platform())) {
            throw new IllegalArgumentException("not a Telegram chat: " + chat);
        }
        return chat.id();
    }
}
