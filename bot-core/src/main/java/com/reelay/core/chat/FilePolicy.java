package com.reelay.core.chat;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What Reelay accepts as a file (what NemoVideo accepts as an upload): the one place these rules
 * live. Adapters check it before a byte moves; the engine and the NemoVideo client check it again.
 */
public final class FilePolicy {

    /** Lower-case file extensions NemoVideo accepts. */
    public static final List<String> EXTENSIONS =
            List.of("mp4", "mov", "avi", "webm", "mkv", "jpg", "png", "gif", "webp", "mp3", "wav", "m4a", "aac");

    /** 200 MB per file. */
    public static final long MAX_FILE_BYTES = 200L * 1024 * 1024;

    private FilePolicy() {
    }

    /** The extension of {@code filename} if it is one NemoVideo accepts ("jpeg" counts as jpg). */
    public static Optional<String> acceptedExtension(String filename) {
        if (filename == null) {
            return Optional.empty();
        }
        int dot = filename.lastIndexOf('.');
        if (dot < 0 || dot == filename.length() - 1) {
            return Optional.empty();
        }
        String ext = filename.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (ext.equals("jpeg")) {
            ext = "jpg";
        }
        return EXTENSIONS.contains(ext) ? Optional.of(ext) : Optional.empty();
    }

    public static boolean isAccepted(String filename) {
        return acceptedExtension(filename).isPresent();
    }

    /**
     * False only for a declared size over the limit. An undeclared size (-1) is not "over the
     * limit": such a file is counted while it streams and cut off past it (the upload's rule).
     */
    public static boolean fitsSizeLimit(long declaredBytes) {
        return declaredBytes <= MAX_FILE_BYTES;
    }

    /** The name to upload under: the service knows "jpg", not "jpeg". */
    public static String uploadName(String filename) {
        if (filename != null && filename.toLowerCase(Locale.ROOT).endsWith(".jpeg")) {
            return filename.substring(0, filename.length() - 5) + ".jpg";
        }
        return filename;
    }

    /** "mp4, mov, …" for people. */
    public static String describe() {
        return String.join(", ", EXTENSIONS);
    }
}
