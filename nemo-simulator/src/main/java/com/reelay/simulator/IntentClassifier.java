package com.reelay.simulator;

import java.util.regex.Pattern;

/**
 * Keyword rules, checked in this order, first match wins: a whole video described (GENERATION), TITLE,
 * MUSIC, EDIT, GENERATION, else QUESTION.
 * English keywords match whole words, case-insensitively; Chinese keywords match anywhere.
 * The order lets "make the video shorter" and "make it 15 seconds" be edits and "add a title" not be a generation.
 */
final class IntentClassifier {
    private static final Rule TITLE = new Rule(
            "titles?|captions?|subtitles?|headlines?|text overlay|on-screen text",
            "标题", "字幕", "文字");
    private static final Rule MUSIC = new Rule(
            "music|songs?|soundtrack|bgm|lo-?fi|background track|beat",
            "音乐", "配乐", "歌");
    private static final Rule EDIT = new Rule(
            "trim|trimmed|cut|cutting|shorten|shorter|longer|lengthen|extend|duration|length|crop|speed up|slow down"
                    + "|faster|slower|remove|delete|replace|transitions?|filters?|make it|make this"
                    + "|vertical|horizontal|portrait|landscape|aspect ratio|9:16|16:9",
            "剪", "裁", "缩短", "变短", "加长", "延长", "变长", "时长", "删除", "替换", "转场", "滤镜", "加快", "放慢",
            "竖屏", "横屏", "比例");
    private static final Rule GENERATION = new Rule(
            "generate|create|make|produce|animate|film|video of|clip of",
            "生成", "制作", "创建", "做一个", "做个", "做一段", "来一个", "来一段", "拍");

    /**
     * A request for a new video, described whole: "make a 15 second video of waves … with piano music",
     * "做一个关于日落的视频". It is a generation even when it also names music or a title, which then
     * go into the same video; "make the video shorter" (no "a") stays an edit.
     */
    private static final Pattern DESCRIBES_VIDEO = Pattern.compile(
            "\\b(?:generate|create|make|produce|animate|film)\\s+(?:me\\s+|us\\s+)?(?:a|an)\\b[^.!?\\n]{0,40}?"
                    + "\\b(?:video|clip|film|movie|animation|reel)\\b"
                    + "|(?:生成|制作|做|来|拍)(?:一个|一段|个|段)[^。！？\\n]{0,30}?(?:视频|短片|影片)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private IntentClassifier() {
    }

    static boolean describesVideo(String message) {
        return DESCRIBES_VIDEO.matcher(message).find();
    }

    /** Whether a message asks for music (on its own, or in a described video). */
    static boolean mentionsMusic(String message) {
        return MUSIC.matches(message) && !PromptReading.asksRemoval(message);
    }

    static Intent classify(String message) {
        if (describesVideo(message)) {
            return Intent.GENERATION;
        }
        if (TITLE.matches(message)) {
            return Intent.TITLE;
        }
        if (MUSIC.matches(message)) {
            return Intent.MUSIC;
        }
        if (EDIT.matches(message)) {
            return Intent.EDIT;
        }
        if (GENERATION.matches(message)) {
            return Intent.GENERATION;
        }
        return Intent.QUESTION;
    }

    private static final class Rule {
        private final Pattern english;
        private final String[] chinese;

        Rule(String englishAlternatives, String... chinese) {
            this.english = Pattern.compile("\\b(?:" + englishAlternatives + ")\\b",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            this.chinese = chinese;
        }

        boolean matches(String message) {
            if (english.matcher(message).find()) {
                return true;
            }
            for (String word : chinese) {
                if (message.contains(word)) {
                    return true;
                }
            }
            return false;
        }
    }
}
