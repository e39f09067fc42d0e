package com.reelay.telegram;

import com.reelay.core.chat.AttachmentUnavailable;
import com.reelay.core.chat.support.Futures;
import com.reelay.core.chat.support.SecretMask;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.telegram.telegrambots.meta.api.methods.GetFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.File;

/**
 * Opens a file a person sent: getFile for its path, then a stream from
 * {@code {base}/file/bot<token>/<path>} (or, from a local Bot API server running with
 * {@code --local}, straight from the absolute path it answers). Nothing is buffered: the stream
 * goes on into the NemoVideo upload. When Telegram won't hand a file over, the person is told
 * why ({@link AttachmentUnavailable}), not that NemoVideo failed.
 */
final class TelegramFiles implements UpdateReader.FileOpener {

    private static final Logger log = LoggerFactory.getLogger(TelegramFiles.class);
    private static final Duration GET_FILE_TIMEOUT = Duration.ofSeconds(30);

    private final BotApi api;
    private final boolean localBotApi;
    private final long downloadLimit;
    private final SecretMask mask;

    TelegramFiles(BotApi api, boolean localBotApi, long downloadLimit, SecretMask mask) {
        this.api = api;
        this.localBotApi = localBotApi;
        this.downloadLimit = downloadLimit;
        this.mask = mask;
    }

    @Override
    public InputStream open(String fileId) throws IOException {
        String path = filePath(fileId);
        if (localBotApi && path.startsWith("/")) {
            Path local = Path.of(path);
            if (Files.isReadable(local)) {
                return Files.newInputStream(local);
            }
        }
        try {
            return api.download(path);
        } catch (IOException e) {
            throw unavailable(TelegramPhrases.downloadFailed(), e);
        }
    }

    private String filePath(String fileId) throws IOException {
        File file;
        try {
            file = api.call(GetFile.builder().fileId(fileId).build())
                    .get(GET_FILE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while asking Telegram for the file");
        } catch (TimeoutException e) {
            throw unavailable(TelegramPhrases.fileNotInTime(), e);
        } catch (ExecutionException e) {
            ApiFailure failure = ApiFailure.of(e);
            if (failure.kind() == ApiFailure.Kind.FILE_TOO_BIG) {
                throw unavailable(TelegramPhrases.downloadRefused(downloadLimit), Futures.unwrap(e));
            }
            throw unavailable(TelegramPhrases.fileGone(), Futures.unwrap(e));
        }
        if (file == null || file.getFilePath() == null || file.getFilePath().isBlank()) {
            throw unavailable(TelegramPhrases.fileGone(), new IOException("getFile gave no file path"));
        }
        return file.getFilePath();
    }

    /** The person's sentence, with what Telegram answered (token masked) as the cause for the log. */
    private AttachmentUnavailable unavailable(String reason, Throwable answer) {
        String detail = mask.describe(answer);
        log.info("telegram file not handed over: {}", detail);
        return new AttachmentUnavailable(reason, new IOException(detail, null));
    }
}
