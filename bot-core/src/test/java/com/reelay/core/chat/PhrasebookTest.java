package com.reelay.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.text.MessageFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every language says everything, and everything the code asks for is said. */
class PhrasebookTest {

    /** A string literal shaped like a phrase key: {@code "section.name"} or deeper. */
    private static final Pattern KEY_LITERAL = Pattern.compile("\"([a-z][a-z_]*(?:\\.[a-z][a-z_]*)+)\"");

    @Test
    void englishAndChineseAreShipped() {
        List<String> languages = Phrasebook.all().stream().map(Phrasebook::language).toList();
        assertEquals("en", languages.get(0), "English first: " + languages);
        assertTrue(languages.contains("zh"), languages.toString());
        assertEquals("zh", Phrasebook.of("zh-hans").language());
        assertEquals("zh", Phrasebook.of("zh_CN").language());
        assertEquals("en", Phrasebook.of("pt-BR").language(), "a language not shipped falls back to English");
        assertEquals("en", Phrasebook.of("").language());
    }

    @Test
    void everyLanguageHasEveryKeyAndNoOther() {
        Set<String> english = Phrasebook.english().keys();
        List<String> problems = new ArrayList<>();
        for (Phrasebook book : Phrasebook.all()) {
            Set<String> missing = new TreeSet<>(english);
            missing.removeAll(book.keys());
            Set<String> extra = new TreeSet<>(book.keys());
            extra.removeAll(english);
            missing.forEach(k -> problems.add(book.language() + " lacks " + k));
            extra.forEach(k -> problems.add(book.language() + " has " + k + ", which English lacks"));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyPatternParsesAndUsesOnlyTheArgumentsEnglishUses() {
        List<String> problems = new ArrayList<>();
        for (String key : Phrasebook.english().keys()) {
            Set<String> englishArguments = arguments(Phrasebook.english().pattern(key));
            for (Phrasebook book : Phrasebook.all()) {
                try {
                    Set<String> own = arguments(book.pattern(key));
                    if (!englishArguments.containsAll(own)) {
                        problems.add(book.language() + " " + key + " uses " + own + ", English " + englishArguments);
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(book.language() + " " + key + ": " + e.getMessage());
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyKeyTheCodeNamesExists() throws IOException {
        Set<String> sections = Phrasebook.english().keys().stream().map(k -> k.substring(0, k.indexOf('.')))
                .collect(Collectors.toSet());
        Map<String, List<String>> missing = new HashMap<>();
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(root)) {
            sources = walk.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/bench/") && !p.toString().contains("/nemo-simulator/"))
                    .toList();
        }
        assertTrue(sources.size() > 50, "found the modules' sources under " + root);
        for (Path source : sources) {
            String text = Files.readString(source);
            if (!text.contains("phrase(") && !text.contains("Refusal")) {
                continue; // only files that word something: settings keys such as "telegram.bot_token" are not phrases
            }
            Matcher m = KEY_LITERAL.matcher(text);
            while (m.find()) {
                String key = m.group(1);
                if (sections.contains(key.substring(0, key.indexOf('.'))) && !Phrasebook.english().keys().contains(key)) {
                    missing.computeIfAbsent(key, k -> new ArrayList<>()).add(root.relativize(source).toString());
                }
            }
        }
        assertEquals(Map.of(), missing, "keys named in code but in no phrasebook");
    }

    @Test
    void aMissingKeyIsALoudError() {
        try {
            Phrasebook.english().phrase("no.such_key");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("no.such_key"));
            return;
        }
        throw new AssertionError("a missing key must not pass silently");
    }

    @Test
    void pluralsFollowEachLanguage() {
        assertEquals("📤 Uploading your file…", Phrasebook.english().phrase("progress.uploading", "files", 1));
        assertEquals("📤 Uploading 3 files…", Phrasebook.english().phrase("progress.uploading", "files", 3));
        assertEquals("📤 正在上传 3 个文件…", Phrasebook.of("zh").phrase("progress.uploading", "files", 3));
        assertEquals("There's nothing to export yet. Describe the video you want (or send photos or clips) and I'll make it.",
                Phrasebook.english().phrase("export.nothing"), "a lone apostrophe is an apostrophe");
        assertEquals("I can't use \"a.exe\": that file type isn't supported. I accept mp4.",
                Phrasebook.english().phrase("upload.rejected_type", "name", "a.exe", "formats", "mp4"));
    }

    @Test
    void buttonIdsFitTelegramAndReadBack() {
        List<Action> actions = List.of(Action.EXPORT, Action.STATUS, Action.CREDITS, Action.NEW_PROJECT, Action.PROJECTS,
                Action.EXPORT_ANYWAY, Action.KEEP_EDITING, new Action.Retry("tg--1001234567890-q1234567890123456789"),
                new Action.QuickEdit("vertical"), new Action.OpenProject("7374619283746591823"),
                new Action.ChooseLanguage("zh"));
        for (Action a : actions) {
            assertTrue(a.id().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 64, a.id());
            assertEquals(a, Action.fromId(a.id()).orElseThrow(), a.id());
        }
        assertFalse(Action.fromId("retry:<script>").isPresent());
        assertFalse(Action.fromId("render_v1").isPresent());
    }

    private static Set<String> arguments(String pattern) {
        return new TreeSet<>(new MessageFormat(pattern).getArgumentNames());
    }
}
