package com.reelay.core.conversation;

import java.util.Locale;
import java.util.regex.Pattern;

/** Picks the language a NemoVideo session is created in. */
final class Language {

    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    private Language() {
    }

    /**
     * Chinese text gives {@code zh-CN} whatever the locale says (people write in the language
     * they want answers in); otherwise the platform's language tag; otherwise English.
     */
    static String forSession(String languageTag, String text) {
        if (text != null && HAN.matcher(text).find()) {
            return "zh-CN";
        }
        if (languageTag == null || languageTag.isBlank()) {
            return "en";
        }
        String primary = languageTag.strip().replace('_', '-').split("-")[0].toLowerCase(Locale.ROOT);
        if (primary.equals("zh")) {
            return "zh-CN";
        }
        return primary.matches("[a-z]{2,3}") ? primary : "en";
    }
}
