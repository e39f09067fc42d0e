package com.reelay.core.conversation;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent talks as if the person sat in front of NemoVideo's editor ("click Export", "drag
 * the clip"). This rewrites such wording into what the person can do in a chat.
 */
final class GuiWording {

    private record Rule(Pattern pattern, String chat, String chatWithButtons) {
    }

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("\\b(?:click|tap|press|hit|select)(?:\\s+on)?(?:\\s+the)?\\s+[\"'“]?export[\"'”]?(?:\\s+button)?", FLAGS),
                    "say \"export\"", "say \"export\" or press the Export button"),
            // 导出视频 is the same button: matching only its first two characters left "发送“导出”视频”".
            new Rule(Pattern.compile("点击\\s*(?:(?:下方|上方|右上角|右下角|左上角|左下角|页面上)的?)?\\s*[「“\"‘']?导出(?:视频)?[」”\"’']?(?:按钮)?"),
                    "发送“导出”", "发送“导出”或按下方的“导出”按钮"),
            new Rule(Pattern.compile("\\b(?:preview|view|check|see)\\s+(?:it\\s+)?in\\s+the\\s+timeline", FLAGS),
                    "say \"status\" to see the timeline", "say \"status\" (or press Status) to see the timeline"),
            new Rule(Pattern.compile("\\bopen(?:\\s+up)?(?:\\s+the)?\\s+(?:timeline|project|editor|draft)", FLAGS),
                    "say \"status\" to see the timeline", "say \"status\" (or press Status) to see the timeline"),
            new Rule(Pattern.compile("打开(?:时间轴|时间线|项目|编辑器)?"), "发送“状态”查看时间轴", "发送“状态”查看时间轴"),
            new Rule(Pattern.compile("\\bdrag(?:\\s*(?:and|&|/|-|n)\\s*drop)?\\b", FLAGS),
                    "describe in a message how to move", "describe in a message how to move"),
            new Rule(Pattern.compile("拖拽|拖动"), "发消息描述如何移动", "发消息描述如何移动"),
            new Rule(Pattern.compile("\\b(?:keep an eye on|watch|check)\\s+the\\s+progress\\s+bar", FLAGS),
                    "watch this chat for progress", "watch this chat for progress"),
            new Rule(Pattern.compile("(?:请)?(?:留意|关注|查看|注意|看)(?:一下)?(?:上方的|右上角的)?进度条"),
                    "请留意这里的进度消息", "请留意这里的进度消息"),
            // Screen positions mean nothing in a chat: "the Export button in the top right corner".
            new Rule(Pattern.compile("\\s+(?:in|at|on)\\s+the\\s+(?:top|bottom|upper|lower|left|right)(?:[\\s-]+(?:right|left))?"
                    + "(?:\\s+(?:corner|side|panel|of the (?:screen|page|editor)))?", FLAGS), "", ""),
            new Rule(Pattern.compile("\\b(?:click|tap)(?:\\s+on)?(?:\\s+the)?\\s+[\"'“]?([\\p{L} ]{1,30}?)[\"'”]?\\s+button", FLAGS),
                    "say \"$1\"", "say \"$1\""),
            new Rule(Pattern.compile("点击\\s*[「“\"‘']?([\\p{IsHan}]{1,8})[」”\"’']?(?:按钮)?"), "发送“$1”", "发送“$1”"));

    private GuiWording() {
    }

    static String forChat(String agentText, boolean buttons) {
        String text = agentText;
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String replacement = buttons ? rule.chatWithButtons() : rule.chat();
                if (m.groupCount() >= 1 && m.group(1) != null) {
                    replacement = replacement.replace("$1", m.group(1).strip().toLowerCase(java.util.Locale.ROOT));
                }
                // Keep a sentence's capital: "Click Export" becomes "Say ...".
                if (!replacement.isEmpty() && Character.isUpperCase(m.group().charAt(0))) {
                    replacement = Character.toUpperCase(replacement.charAt(0)) + replacement.substring(1);
                }
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            text = out.toString();
        }
        return text;
    }
}
