package com.reelay.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DiscordMarkdownTest {

    @Test
    void markdownIsEscapedButLinksStayClickable() {
        assertEquals("my\\_clip\\_final.mp4 is \\*great\\* \\~\\~really\\~\\~ \\`code\\` \\|\\|spoiler\\|\\| \\[x\\](y) a\\\\b",
                DiscordMarkdown.escape("my_clip_final.mp4 is *great* ~~really~~ `code` ||spoiler|| [x](y) a\\b", 2000));
        assertEquals("Your video: https://cdn.example/renders/render_1_a.mp4?x=*y* done\\_",
                DiscordMarkdown.escape("Your video: https://cdn.example/renders/render_1_a.mp4?x=*y* done_", 2000));
    }

    @Test
    void lineStartsThatFormatAreEscaped() {
        assertEquals("\\# Heading\n  \\> quote\n\\-# small\n- a list stays\n1. so does this",
                DiscordMarkdown.escape("# Heading\n  > quote\n-# small\n- a list stays\n1. so does this", 2000));
        assertEquals("5 > 3 and C# and a-b", DiscordMarkdown.escape("5 > 3 and C# and a-b", 2000));
    }

    @Test
    void massMentionsAndMentionSyntaxAreDefused() {
        assertEquals("hey @\u200Beveryone and @\u200BHere, mail me@example.com, \\<@1> \\<#2> \\</help:3> \\<t:4>",
                DiscordMarkdown.escape("hey @everyone and @Here, mail me@example.com, <@1> <#2> </help:3> <t:4>", 2000));
    }

    @Test
    void escapingStopsAtTheBudgetAndNeverCuts() {
        String text = "a_b_c_d";
        assertEquals("a\\_b\\_c_d", DiscordMarkdown.escape(text, text.length() + 2));
        assertEquals(text, DiscordMarkdown.escape(text, text.length()));
    }
}
