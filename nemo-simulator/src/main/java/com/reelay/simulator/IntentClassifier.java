package com.reelay.simulator;

import java.util.regex.Pattern;

/**
 * Keyword rules, checked in this order, first match wins: TITLE, MUSIC, EDIT, GENERATION, else QUESTION.
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
                    + "|faster|slower|remove|delete|replace|transitions?|filters?|make it|make this",
            "剪", "裁", "缩短", "变短", "加长", "延长", "变长", "时长", "删除", "替换", "转场", "滤镜", "加快", "放慢");
    private static final Rule GENERATION = new Rule(
            "generate|create|make|produce|animate|film|video of|clip of",
            "生成", "制作", "创建", "做一个", "做个", "做一段", "来一个", "来一段", "拍");

    private IntentClassifier() {
    }

    static Intent classify(String message) {
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
