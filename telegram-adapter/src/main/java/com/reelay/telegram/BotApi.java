package com.reelay.telegram;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.concurrent.CompletableFuture;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;

/** The Bot API calls this module makes. Futures fail with what {@link ApiFailure} reads. */
interface BotApi {

    /** A JSON method: sendMessage, editMessageText, getFile, answerCallbackQuery, … */
    <T extends Serializable> CompletableFuture<T> call(BotApiMethod<T> method);

    /** setWebhook goes as a form (it may carry a certificate), not as JSON. */
    CompletableFuture<Boolean> setWebhook(SetWebhook method);

    /**
     * Streams the video at {@code upload.sourceUrl()} into a sendVideo upload, never holding it in
     * memory; fails with {@link VideoTooLarge} before uploading when the source declares more than
     * {@code upload.maxBytes()}.
     */
    CompletableFuture<Message> sendVideo(VideoUpload upload);

    /** Opens {@code {base}/file/bot<token>/<filePath>} as a stream (the caller closes it). */
    InputStream download(String filePath) throws IOException;

    /**
     * @param captionHtml caption already in Telegram HTML, or null for none
     * @param keyboard    buttons under the video, or null
     * @param replyTo     message to reply to, or null
     */
    record VideoUpload(String chatId, String sourceUrl, long maxBytes, String captionHtml,
                       InlineKeyboardMarkup keyboard, Integer replyTo) {
    }

    /** The exported file is bigger than the bot may upload; the link has to do. */
    final class VideoTooLarge extends IOException {
        VideoTooLarge(long bytes, long limit) {
            super("video is " + bytes + " bytes, over the upload limit of " + limit);
        }
    }
}
