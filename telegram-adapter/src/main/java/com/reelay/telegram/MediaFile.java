package com.reelay.telegram;

import com.reelay.core.chat.FilePolicy;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.telegram.telegrambots.meta.api.objects.Audio;
import org.telegram.telegrambots.meta.api.objects.Document;
import org.telegram.telegrambots.meta.api.objects.Video;
import org.telegram.telegrambots.meta.api.objects.VideoNote;
import org.telegram.telegrambots.meta.api.objects.games.Animation;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;

/**
 * The file a message carries, as Telegram declares it: id, a name with the extension that
 * matches its content, declared size (-1 when not declared) and media type. Whether NemoVideo
 * takes it is decided elsewhere, by name and size.
 */
record MediaFile(String fileId, String name, long size, String mediaType) {

    /** Media types to the extension files of that type have; the accepted list lives in FilePolicy. */
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("video/mp4", "mp4"), Map.entry("video/quicktime", "mov"), Map.entry("video/webm", "webm"),
            Map.entry("video/x-matroska", "mkv"), Map.entry("video/x-msvideo", "avi"),
            Map.entry("image/jpeg", "jpg"), Map.entry("image/png", "png"), Map.entry("image/gif", "gif"),
            Map.entry("image/webp", "webp"), Map.entry("audio/mpeg", "mp3"), Map.entry("audio/mp3", "mp3"),
            Map.entry("audio/mp4", "m4a"), Map.entry("audio/x-m4a", "m4a"), Map.entry("audio/m4a", "m4a"),
            Map.entry("audio/aac", "aac"), Map.entry("audio/wav", "wav"), Map.entry("audio/x-wav", "wav"),
            Map.entry("audio/ogg", "ogg"));
    private static final int MAX_NAME = 120;

    /** The photo (largest size), video, animation, round video, audio or document of {@code m}. */
    static Optional<MediaFile> of(Message m) {
        if (m.hasPhoto()) {
            return largest(m.getPhoto()).map(p -> new MediaFile(p.getFileId(), "photo_" + p.getFileUniqueId() + ".jpg",
                    size(p.getFileSize() == null ? null : p.getFileSize().longValue()), "image/jpeg"));
        }
        if (m.hasVideo()) {
            Video v = m.getVideo();
            return Optional.of(file(v.getFileId(), v.getFileName(), "video_" + v.getFileUniqueId(), v.getFileSize(),
                    v.getMimeType(), "video/mp4", false));
        }
        if (m.hasAnimation()) {
            // Telegram turns GIFs into MP4 "animations"; the name must say what the bytes are.
            Animation a = m.getAnimation();
            return Optional.of(file(a.getFileId(), a.getFileName(), "animation_" + a.getFileUniqueId(), a.getFileSize(),
                    a.getMimeType(), "video/mp4", true));
        }
        if (m.hasVideoNote()) {
            VideoNote v = m.getVideoNote();
            return Optional.of(new MediaFile(v.getFileId(), "round_video_" + v.getFileUniqueId() + ".mp4",
                    size(v.getFileSize() == null ? null : v.getFileSize().longValue()), "video/mp4"));
        }
        if (m.hasAudio()) {
            Audio a = m.getAudio();
            return Optional.of(file(a.getFileId(), a.getFileName(), "audio_" + a.getFileUniqueId(), a.getFileSize(),
                    a.getMimeType(), "audio/mpeg", false));
        }
        if (m.hasDocument()) {
            Document d = m.getDocument();
            return Optional.of(file(d.getFileId(), d.getFileName(), "file_" + d.getFileUniqueId(), d.getFileSize(),
                    d.getMimeType(), "application/octet-stream", false));
        }
        return Optional.empty();
    }

    private static Optional<PhotoSize> largest(List<PhotoSize> sizes) {
        return sizes.stream().max(Comparator
                .comparingLong((PhotoSize p) -> (long) nonNull(p.getWidth()) * nonNull(p.getHeight()))
                .thenComparingLong(p -> nonNull(p.getFileSize())));
    }

    /**
     * A person's file name is kept (it is what they recognise), without any directory part; a
     * missing one is made up, with the extension its media type implies.
     */
    private static MediaFile file(String fileId, String givenName, String fallbackStem, Long size, String mimeType,
                                  String defaultType, boolean nameFollowsType) {
        String type = mimeType == null || mimeType.isBlank() ? defaultType : mimeType.toLowerCase(Locale.ROOT);
        String ext = EXTENSIONS.get(type);
        String name = clean(givenName);
        if (name.isEmpty()) {
            name = ext == null ? fallbackStem : fallbackStem + "." + ext;
        } else if (nameFollowsType && ext != null && !name.toLowerCase(Locale.ROOT).endsWith("." + ext)) {
            name = stem(name) + "." + ext;
        }
        return new MediaFile(fileId, name, size(size), type);
    }

    private static String clean(String name) {
        if (name == null) {
            return "";
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .replaceAll("\\p{Cntrl}", "").strip();
        if (base.length() > MAX_NAME) {
            int dot = base.lastIndexOf('.');
            String ext = dot > 0 && base.length() - dot <= 6 ? base.substring(dot) : "";
            base = base.substring(0, MAX_NAME - ext.length()) + ext;
        }
        return base;
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static long size(Long declared) {
        return declared == null || declared < 0 ? -1 : declared;
    }

    private static long nonNull(Number n) {
        return n == null ? 0 : n.longValue();
    }
}
