package com.reelay.telegram;

import com.reelay.core.chat.FilePolicy;

/** What the Telegram front end itself says to people (the engine says the rest). Plain text. */
final class TelegramPhrases {

    private TelegramPhrases() {
    }

    static String voiceNote() {
        return "🎙 I can't use voice messages. Type what you'd like instead, or send the audio as a file ("
                + FilePolicy.describe() + ").";
    }

    static String unsupportedMessage() {
        return "I can't use that kind of message. Send me text, or photos, videos, animations, audio or documents ("
                + FilePolicy.describe() + ").";
    }

    /** Over the cloud Bot API's download limit, but within what NemoVideo would take. */
    static String tooBigForBotApi(String name, long size, long limit) {
        return "\"" + name + "\" is " + megabytes(size) + " MB, and Telegram only lets bots download files up to "
                + megabytes(limit) + " MB. Please send a shorter or compressed version (up to " + megabytes(limit)
                + " MB).\n(For the bot's operator: running a local Telegram Bot API server raises this limit to "
                + megabytes(FilePolicy.MAX_FILE_BYTES) + " MB.)";
    }

    static String unknownButton() {
        return "That button no longer works.";
    }

    /** A download that Telegram refused although the declared size looked fine. */
    static String downloadRefused(long limit) {
        return "Telegram refused to hand over the file: it is over the " + megabytes(limit)
                + " MB limit for bots. A local Bot API server lifts that limit.";
    }

    /** getFile failed otherwise: the file is gone or Telegram would not say where it is. */
    static String fileGone() {
        return "Telegram wouldn't hand over the file (it may have expired). Please send it again.";
    }

    static String fileNotInTime() {
        return "Telegram didn't hand over the file in time. Please send it again.";
    }

    /** The download itself failed (refused or unreachable). */
    static String downloadFailed() {
        return "I couldn't download the file from Telegram. Please send it again.";
    }

    static long megabytes(long bytes) {
        return (bytes + 1024 * 1024 - 1) / (1024 * 1024);
    }
}
