package com.reelay.core.conversation;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.Inbound;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads an intent from what was sent. The keyword table (English and Chinese, from the
 * NemoVideo skills) lives here and only here. A keyword counts only in a short message: "export"
 * is a request to export, "make a video about exporting coffee" is a prompt.
 */
final class IntentReader {

    /** Keyed by the command each means; the first whose keyword a short message contains wins. */
    private static final List<Map.Entry<String, List<String>>> KEYWORDS = List.of(
            Map.entry("export", List.of("export", "导出", "download", "send me the video")),
            Map.entry("credits", List.of("credits", "积分", "balance", "余额")),
            Map.entry("status", List.of("status", "状态", "show tracks", "show timeline", "show the timeline")),
            Map.entry("upload", List.of("upload", "上传")));

    /** Longest message (in words, or CJK characters) that can still be a keyword request. */
    private static final int MAX_KEYWORD_WORDS = 5;
    private static final int MAX_KEYWORD_CJK_CHARS = 8;

    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Pattern PUNCTUATION = Pattern.compile("[\\p{Punct}\\p{IsPunctuation}！？。，、]+");

    Intent read(Inbound.Content content) {
        if (content instanceof Inbound.Files files) {
            return new Intent.Upload(files.attachments(), files.caption());
        }
        if (content instanceof Inbound.Button button) {
            return button(button.action());
        }
        if (content instanceof Inbound.Command command) {
            return command(command);
        }
        return text(((Inbound.Text) content).text());
    }

    private static Intent button(Action action) {
        if (action instanceof Action.Export) {
            return new Intent.Export();
        } else if (action instanceof Action.ExportAnyway) {
            return new Intent.Export(true);
        } else if (action instanceof Action.KeepEditing) {
            return new Intent.KeepEditing();
        } else if (action instanceof Action.Status) {
            return new Intent.Status();
        } else if (action instanceof Action.Credits) {
            return new Intent.Credits();
        } else if (action instanceof Action.Projects) {
            return new Intent.Projects();
        } else if (action instanceof Action.Retry r) {
            return new Intent.Retry(r.requestId());
        } else if (action instanceof Action.QuickEdit q) {
            return new Intent.QuickEdit(q.name());
        } else if (action instanceof Action.OpenProject o) {
            return new Intent.OpenProject(o.projectId());
        } else if (action instanceof Action.ChooseLanguage c) {
            return new Intent.Language(c.language());
        }
        return new Intent.NewProject();
    }

    private Intent command(Inbound.Command command) {
        switch (command.name()) {
            case "export":
                return new Intent.Export();
            case "credits":
                return new Intent.Credits();
            case "status":
                return new Intent.Status();
            case "new":
                return new Intent.NewProject();
            case "cancel":
            case "stop":
                return new Intent.Cancel();
            case "projects":
                return new Intent.Projects();
            case "language":
                return new Intent.Language(command.args().strip());
            case "help":
                return new Intent.Help(false, "");
            case "start":
                return new Intent.Help(true, "");
            case "upload":
                return new Intent.Upload(List.of(), command.args());
            case "video":
                return command.args().isBlank() ? new Intent.Help(false, "") : new Intent.Chat(command.args().strip());
            default:
                return new Intent.Help(false, command.name());
        }
    }

    private Intent text(String raw) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            return new Intent.Help(false, "");
        }
        if (isShort(text)) {
            String normalized = PUNCTUATION.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
            for (Map.Entry<String, List<String>> entry : KEYWORDS) {
                for (String keyword : entry.getValue()) {
                    if (containsKeyword(normalized, keyword)) {
                        return command(new Inbound.Command(entry.getKey(), "")); // a keyword means what its command means
                    }
                }
            }
        }
        return new Intent.Chat(text);
    }

    private static boolean isShort(String text) {
        long han = HAN.matcher(text).results().count();
        if (han > 0) {
            return text.codePointCount(0, text.length()) <= MAX_KEYWORD_CJK_CHARS + 4;
        }
        return text.split("\\s+").length <= MAX_KEYWORD_WORDS;
    }

    private static boolean containsKeyword(String normalized, String keyword) {
        if (HAN.matcher(keyword).find()) {
            return normalized.contains(keyword);
        }
        return (" " + normalized + " ").contains(" " + keyword + " ");
    }
}
