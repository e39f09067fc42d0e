package com.reelay.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextSplitterTest {

    @Test
    void shortTextIsOnePart() {
        assertEquals(List.of("hello"), TextSplitter.split("hello", 100));
    }

    @Test
    void prefersParagraphsThenSentencesThenSpaces() {
        String para = "a".repeat(60) + "\n\n" + "b".repeat(60);
        assertEquals(List.of("a".repeat(60), "b".repeat(60)), TextSplitter.split(para, 100));

        String sentences = "x".repeat(70) + ". " + "y".repeat(50);
        assertEquals(List.of("x".repeat(70) + ".", "y".repeat(50)), TextSplitter.split(sentences, 100));

        String words = ("word ").repeat(40).strip();
        for (String part : TextSplitter.split(words, 100)) {
            assertTrue(part.length() <= 100);
            assertTrue(!part.startsWith(" ") && !part.endsWith(" "));
        }
    }

    @Test
    void nineThousandCharactersFitInTelegramSizedPartsWithNothingLost() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 9000; i++) {
            text.append("Sentence number ").append(i).append(" describes the edit. ");
        }
        List<String> parts = TextSplitter.split(text.toString().strip(), 4096);
        assertEquals(3, parts.size());
        parts.forEach(p -> assertTrue(p.length() <= 4096));
        assertEquals(text.toString().replaceAll("\\s+", ""), String.join("", parts).replaceAll("\\s+", ""));
    }

    @Test
    void neverSplitsASurrogatePair() {
        String emoji = "😀".repeat(80); // 160 chars, no spaces
        for (String part : TextSplitter.split(emoji, 99)) {
            assertTrue(!Character.isHighSurrogate(part.charAt(part.length() - 1)));
            assertTrue(!Character.isLowSurrogate(part.charAt(0)));
        }
    }
}
