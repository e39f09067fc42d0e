package com.reelay.core.chat;

/**
 * An exported video to post: the link always; the adapter may attach the file itself when
 * {@code sizeBytes} (if known, else -1) fits its upload limit.
 */
public record FinishedVideo(String url, long sizeBytes, Reply caption) {
}
