package com.reelay.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulator's own CDN under {@code /cdn/}. It keeps no uploaded bytes (uploads are streamed and
 * discarded): every file is served as generated placeholder bytes of a recorded type and length.
 */
final class MediaLibrary {
    /** Uploaded and generated media are served as this many placeholder bytes. */
    static final long PLACEHOLDER_BYTES = 4096;

    record Media(String contentType, long length) {
    }

    private final Map<String, Media> byPath = new ConcurrentHashMap<>();
    private final String cdnBase;

    MediaLibrary(String baseUrl) {
        this.cdnBase = baseUrl + "/cdn/";
    }

    /** Registers a file under {@code /cdn/<path>} and returns its absolute URL. */
    String publish(String path, String contentType, long length) {
        byPath.put(path, new Media(contentType, length));
        return cdnBase + path;
    }

    String urlOf(String path) {
        return cdnBase + path;
    }

    Optional<Media> find(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /**
     * Writes {@code length} placeholder bytes without holding them: MP4/MOV files start with a real
     * {@code ftyp} box followed by one {@code free} box padding, so sniffers see a plausible MP4.
     */
    static void writePlaceholder(OutputStream out, String contentType, long length) throws IOException {
        long remaining = length;
        if (("video/mp4".equals(contentType) || "video/quicktime".equals(contentType)) && length >= 32) {
            byte[] ftyp = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '1'};
            out.write(ftyp);
            long free = length - ftyp.length;
            byte[] freeHeader = {(byte) (free >>> 24), (byte) (free >>> 16), (byte) (free >>> 8), (byte) free, 'f', 'r', 'e', 'e'};
            out.write(freeHeader);
            remaining -= ftyp.length + freeHeader.length;
        }
        byte[] pattern = "nemo-simulator placeholder media\n".getBytes(StandardCharsets.US_ASCII);
        byte[] buffer = new byte[8192];
        for (int i = 0; i < buffer.length; i++) {
            buffer[i] = pattern[i % pattern.length];
        }
        while (remaining > 0) {
            int n = (int) Math.min(buffer.length, remaining);
            out.write(buffer, 0, n);
            remaining -= n;
        }
    }
}
