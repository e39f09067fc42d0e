package com.reelay.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LanguageTest {

    @Test
    void chineseTextWinsThenLocaleThenEnglish() {
        assertEquals("zh-CN", Language.forSession("en", "做一个关于日落的视频"));
        assertEquals("zh-CN", Language.forSession("zh-hans", "hello"));
        assertEquals("ja", Language.forSession("ja-JP", "hello"));
        assertEquals("pt", Language.forSession("pt_BR", "olá"));
        assertEquals("en", Language.forSession("", "hello"));
        assertEquals("en", Language.forSession("??", "hello"));
    }
}
