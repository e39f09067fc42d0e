package com.reelay.core.chat;

import com.ibm.icu.text.MessageFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every sentence Reelay writes, in one language: the engine's, the front ends' and their
 * command menus. Each language is one UTF-8 file, {@code i18n/messages_<language>.properties}
 * (ISO 639 code, e.g. {@code messages_zh.properties}); dropping in a file adds a language.
 * Patterns are ICU MessageFormat with named arguments and the language's plural rules
 * ({@code {files, plural, one {# file} other {# files}}}); a lone apostrophe is just an apostrophe.
 */
public final class Phrasebook {

    /** The language every other falls back to, and the one people get when theirs is not shipped. */
    public static final String DEFAULT_LANGUAGE = "en";

    private static final String RESOURCE = "/i18n/messages_%s.properties";
    private static final Map<String, Phrasebook> BOOKS = load();

    private final String language;
    private final Locale locale;
    private final Map<String, String> patterns;

    private Phrasebook(String language, Map<String, String> patterns) {
        this.language = language;
        this.locale = Locale.forLanguageTag(language);
        this.patterns = patterns;
    }

    /**
     * The book for a platform's language tag ({@code zh-hans}, {@code zh_CN}, {@code pt-BR}, {@code en}):
     * its primary language if shipped, else English.
     */
    public static Phrasebook of(String languageTag) {
        return find(languageTag).orElse(english());
    }

    /** The book for a language tag, if that language is shipped. */
    public static java.util.Optional<Phrasebook> find(String languageTag) {
        if (languageTag == null || languageTag.isBlank()) {
            return java.util.Optional.empty();
        }
        String primary = languageTag.strip().replace('_', '-').split("-")[0].toLowerCase(Locale.ROOT);
        return java.util.Optional.ofNullable(BOOKS.get(primary));
    }

    public static Phrasebook english() {
        return BOOKS.get(DEFAULT_LANGUAGE);
    }

    /** Every shipped language, English first. */
    public static List<Phrasebook> all() {
        return List.copyOf(BOOKS.values());
    }

    /** The ISO 639 code of this book's language ({@code en}, {@code zh}). */
    public String language() {
        return language;
    }

    public Locale locale() {
        return locale;
    }

    /** The keys this language defines. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(new TreeSet<>(patterns.keySet()));
    }

    /** The raw pattern of {@code key} in this language, English when this one lacks it. */
    public String pattern(String key) {
        String pattern = patterns.get(key);
        if (pattern == null && this != english()) {
            pattern = english().patterns.get(key);
        }
        if (pattern == null) {
            throw new IllegalArgumentException("no phrase \"" + key + "\" in any language");
        }
        return pattern;
    }

    /**
     * The sentence {@code key} with its arguments given as name, value pairs:
     * {@code phrase("queued", "place", 2, "minutes", 3)}.
     */
    public String phrase(String key, Object... namedArguments) {
        if (namedArguments.length % 2 != 0) {
            throw new IllegalArgumentException("arguments come as name, value pairs: " + key);
        }
        String pattern = pattern(key);
        if (namedArguments.length == 0 && pattern.indexOf('{') < 0) {
            return pattern.replace("''", "'");
        }
        Map<String, Object> arguments = new HashMap<>();
        for (int i = 0; i < namedArguments.length; i += 2) {
            arguments.put((String) namedArguments[i], namedArguments[i + 1]);
        }
        return new MessageFormat(pattern, locale).format(arguments);
    }

    /** Finds the shipped languages by looking for each ISO language's file: a new file is a new language. */
    private static Map<String, Phrasebook> load() {
        Map<String, Phrasebook> books = new LinkedHashMap<>();
        books.put(DEFAULT_LANGUAGE, read(DEFAULT_LANGUAGE).orElseThrow(
                () -> new IllegalStateException("the English phrasebook is missing from the classpath")));
        List<String> languages = new ArrayList<>(List.of(Locale.getISOLanguages()));
        Collections.sort(languages);
        for (String language : languages) {
            if (!language.equals(DEFAULT_LANGUAGE)) {
                read(language).ifPresent(book -> books.put(language, book));
            }
        }
        // ICU loads its plural rules on first use; do it now rather than in a person's first reply.
        books.values().forEach(book -> new MessageFormat("{n, plural, one {#} other {#}}", book.locale).format(Map.of("n", 2)));
        return Collections.unmodifiableMap(books);
    }

    private static java.util.Optional<Phrasebook> read(String language) {
        try (InputStream in = Phrasebook.class.getResourceAsStream(String.format(RESOURCE, language))) {
            if (in == null) {
                return java.util.Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> patterns = new HashMap<>();
            properties.forEach((k, v) -> patterns.put((String) k, (String) v));
            return java.util.Optional.of(new Phrasebook(language, Map.copyOf(patterns)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + language + " phrasebook", e);
        }
    }

    @Override
    public String toString() {
        return "Phrasebook[" + language + "]";
    }
}
