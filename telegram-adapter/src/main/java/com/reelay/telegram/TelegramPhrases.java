package com.reelay.telegram;

import com.reelay.core.chat.FilePolicy;
import com.reelay.core.chat.Wording;

/**
 * What the Telegram front end itself says to people (the engine says the rest), not yet in a
 * language: the engine words it in the chat's. The words are in the phrasebook ({@code telegram.*}).
 */
final class TelegramPhrases {

    private TelegramPhrases() {
    }

    static Wording voiceNote() {
        return book -> book.phrase("telegram.voice_note", "formats", FilePolicy.describe());
    }

    static Wording unsupportedMessage() {
        return book -> book.phrase("telegram.unsupported_message", "formats", FilePolicy.describe());
    }

    /** Over the cloud Bot API's download limit, but within what NemoVideo would take. */
    static Wording tooBigForBotApi(String name, long size, long limit) {
        return book -> book.phrase("telegram.too_big_for_bot_api", "name", name, "size", megabytes(size),
                "limit", megabytes(limit), "max", megabytes(FilePolicy.MAX_FILE_BYTES));
    }

    /** A download that Telegram refused although the declared size looked fine. */
    static Wording downloadRefused(long limit) {
        return book -> book.phrase("telegram.download_refused", "limit", megabytes(limit));
    }

    /** getFile failed otherwise: the file is gone or Telegram would not say where it is. */
    static Wording fileGone() {
        return book -> book.phrase("telegram.file_gone");
    }

    static Wording fileNotInTime() {
        return book -> book.phrase("telegram.file_not_in_time");
    }

    /** The download itself failed (refused or unreachable). */
    static Wording downloadFailed() {
        return book -> book.phrase("telegram.download_failed");
    }

    static long megabytes(long bytes) {
        return (bytes + 1024 * 1024 - 1) / (1024 * 1024);
    }
}
