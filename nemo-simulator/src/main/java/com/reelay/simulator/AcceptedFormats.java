package com.reelay.simulator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The upload rules: accepted extensions (exactly the contract's list; no "jpeg") and the size cap. */
final class AcceptedFormats {
    /** 200 MiB: 209,715,200 bytes. A file of exactly this size is accepted; one byte more is 4002. */
    static final long DEFAULT_MAX_BYTES = 200L * 1024 * 1024;

    private record Format(MediaKind kind, String contentType) {
    }

    private static final Map<String, Format> BY_EXTENSION = new LinkedHashMap<>();

    static {
        BY_EXTENSION.put("mp4", new Format(MediaKind.VIDEO, "video/mp4"));
        BY_EXTENSION.put("mov", new Format(MediaKind.VIDEO, "video/quicktime"));
        BY_EXTENSION.put("avi", new Format(MediaKind.VIDEO, "video/x-msvideo"));
        BY_EXTENSION.put("webm", new Format(MediaKind.VIDEO, "video/webm"));
        BY_EXTENSION.put("mkv", new Format(MediaKind.VIDEO, "video/x-matroska"));
        BY_EXTENSION.put("jpg", new Format(MediaKind.IMAGE, "image/jpeg"));
        BY_EXTENSION.put("png", new Format(MediaKind.IMAGE, "image/png"));
        BY_EXTENSION.put("gif", new Format(MediaKind.IMAGE, "image/gif"));
        BY_EXTENSION.put("webp", new Format(MediaKind.IMAGE, "image/webp"));
        BY_EXTENSION.put("mp3", new Format(MediaKind.AUDIO, "audio/mpeg"));
        BY_EXTENSION.put("wav", new Format(MediaKind.AUDIO, "audio/wav"));
        BY_EXTENSION.put("m4a", new Format(MediaKind.AUDIO, "audio/mp4"));
        BY_EXTENSION.put("aac", new Format(MediaKind.AUDIO, "audio/aac"));
    }

    private AcceptedFormats() {
    }

    /** "mp4, mov, avi, webm, mkv, jpg, png, gif, webp, mp3, wav, m4a, aac" */
    static String listing() {
        return String.join(", ", BY_EXTENSION.keySet());
    }

    static Iterable<String> extensions() {
        return BY_EXTENSION.keySet();
    }

    static Optional<MediaKind> kindOf(String filename) {
        Format f = BY_EXTENSION.get(extension(filename));
        return f == null ? Optional.empty() : Optional.of(f.kind());
    }

    static String contentType(String filename) {
        Format f = BY_EXTENSION.get(extension(filename));
        return f == null ? "application/octet-stream" : f.contentType();
    }

    static String extension(String filename) {
        if (filename == null) {
            return "";
        }
        int dot = filename.lastIndexOf('.');
        return dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
