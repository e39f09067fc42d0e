package com.reelay.simulator;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pulls the few details the simulated agent uses out of a message: quotes, seconds, subject, music style. */
final class PromptReading {
    private static final Pattern QUOTED = Pattern.compile(
            "\"([^\"]+)\"|“([^”]+)”|「([^」]+)」|『([^』]+)』|«([^»]+)»|‘([^’]+)’|(?<![\\p{L}\\p{N}])'([^']+)'(?![\\p{L}\\p{N}])");
    private static final Pattern SECONDS = Pattern.compile(
            "(\\d{1,3})\\s*-?\\s*(?:seconds?|secs?|s\\b|秒)", Pattern.CASE_INSENSITIVE);
    private static final Pattern OF_SUBJECT = Pattern.compile(
            "\\b(?:video|clip|film|movie|animation)\\s+(?:of|about|showing)\\s+(.+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENGLISH_LEAD = Pattern.compile(
            "^(?:please\\s+|can you\\s+|could you\\s+)*(?:generate|create|make|produce|animate|film)\\s+(?:me\\s+|us\\s+)?"
                    + "(?:a|an|the)?\\s*(?:\\d{1,3}\\s*-?\\s*(?:seconds?|secs?|s)\\s*(?:long\\s+)?)?"
                    + "(?:video|clip|film|movie|animation)?\\s*(?:of|about|showing|with)?\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CHINESE_LEAD = Pattern.compile(
            "^(?:请|帮我|给我|麻烦)*(?:生成|制作|创建|做|来|拍)?(?:一个|一段|个|段)?(?:\\d{1,3}\\s*秒(?:的)?)?");
    private static final Pattern CHINESE_TAIL = Pattern.compile("(?:的)?(?:视频|短片|影片)$");
    private static final String[][] STYLES = {
        {"lo-fi", "Lo-fi"}, {"lofi", "Lo-fi"}, {"jazz", "Jazz"}, {"piano", "Piano"}, {"rock", "Rock"},
        {"cinematic", "Cinematic"}, {"epic", "Epic"}, {"ambient", "Ambient"}, {"upbeat", "Upbeat"},
        {"chill", "Chill"}, {"classical", "Classical"}, {"hip hop", "Hip hop"}, {"hip-hop", "Hip hop"},
        {"钢琴", "钢琴"}, {"爵士", "爵士"}, {"摇滚", "摇滚"}, {"轻松", "轻松"}, {"古典", "古典"}, {"电子", "电子"},
    };
    private static final Pattern REMOVAL = Pattern.compile(
            "\\b(?:remove|delete|drop|get rid of|take off|take out)\\b|删除|去掉|删掉|移除|不要", Pattern.CASE_INSENSITIVE);
    private static final Pattern LONGER = Pattern.compile(
            "\\b(?:longer|lengthen|extend)\\b|延长|加长|变长", Pattern.CASE_INSENSITIVE);
    private static final Pattern SHORTER = Pattern.compile(
            "\\b(?:trim|trimmed|cut|cutting|shorten|shorter)\\b|缩短|变短|剪|裁", Pattern.CASE_INSENSITIVE);
    /** "… with calm piano music", "，配上钢琴音乐": the music of a described video, not its subject. */
    private static final Pattern MUSIC_CLAUSE = Pattern.compile(
            "\\s*,?\\s*\\b(?:with|and|plus|set to)\\b[^,.;]*?\\b(?:music|soundtrack|songs?|bgm|beat)\\b.*$"
                    + "|[，,]?\\s*(?:配上?|加上?|带)[^，,。]*?(?:音乐|配乐).*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ASPECT = Pattern.compile("\\b(9:16|16:9|1:1|4:5)\\b|(vertical|portrait|竖屏)|(horizontal|landscape|横屏)",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_NAME = 60;

    private PromptReading() {
    }

    /** The first quoted phrase ("…", “…”, 「…」, '…' and friends), trimmed. */
    static Optional<String> quoted(String message) {
        Matcher m = QUOTED.matcher(message);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null && !m.group(g).isBlank()) {
                    return Optional.of(m.group(g).trim());
                }
            }
        }
        return Optional.empty();
    }

    /** "8 seconds", "8s", "8-second", "8 secs", "8秒". */
    static Optional<Integer> seconds(String message) {
        Matcher m = SECONDS.matcher(message);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** What a generation is about, for the video track's name: "a city timelapse" → "city timelapse". */
    static String subject(String message, boolean chinese) {
        String text = MUSIC_CLAUSE.matcher(message.strip()).replaceFirst("");
        String subject;
        Matcher of = OF_SUBJECT.matcher(text);
        if (of.find()) {
            subject = of.group(1);
        } else {
            subject = ENGLISH_LEAD.matcher(text).replaceFirst("");
            subject = CHINESE_LEAD.matcher(subject).replaceFirst("");
            subject = CHINESE_TAIL.matcher(subject.strip()).replaceFirst("");
        }
        subject = subject.replaceFirst("(?i)^(?:a|an|the)\\s+", "")
                .replaceAll("[\\s.!?。！？，,]+$", "")
                .strip();
        if (subject.isEmpty()) {
            return chinese ? "视频" : "video";
        }
        return subject.length() > MAX_NAME ? subject.substring(0, MAX_NAME).strip() : subject;
    }

    /** The canvas an aspect request asks for, {width, height}: "9:16", "vertical", "横屏"… */
    static Optional<int[]> aspect(String message) {
        Matcher m = ASPECT.matcher(message);
        if (!m.find()) {
            return Optional.empty();
        }
        String ratio = m.group(1) != null ? m.group(1) : m.group(2) != null ? "9:16" : "16:9";
        switch (ratio) {
            case "16:9":
                return Optional.of(new int[] {1920, 1080});
            case "1:1":
                return Optional.of(new int[] {1080, 1080});
            case "4:5":
                return Optional.of(new int[] {1080, 1350});
            default:
                return Optional.of(new int[] {1080, 1920});
        }
    }

    /** "remove the music", "删除标题"… */
    static boolean asksRemoval(String message) {
        return REMOVAL.matcher(message).find();
    }

    static boolean asksLonger(String message) {
        return LONGER.matcher(message).find();
    }

    static boolean asksShorter(String message) {
        return SHORTER.matcher(message).find();
    }

    /** A music track name: a quoted name, else a known style, else "Background music". */
    static String musicStyle(String message, boolean chinese) {
        Optional<String> quoted = quoted(message);
        if (quoted.isPresent()) {
            return quoted.get();
        }
        String lower = message.toLowerCase(Locale.ROOT);
        for (String[] style : STYLES) {
            if (lower.contains(style[0])) {
                return style[1];
            }
        }
        return chinese ? "背景音乐" : "Background music";
    }
}
