package com.reelay.config;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One section of the settings file and the record it binds to. The module that owns the record
 * declares its section (a platform adapter its own); the application lists the sections it runs
 * with and hands them to {@link ConfigLoader}.
 *
 * @param <T> the settings record, whose constructor validates
 */
public sealed interface Section<T extends Record> permits Section.Always, Section.WhenSet {

    /** The section's name in the file, and the first word of its environment variables. */
    String name();

    Class<T> type();

    /** Every key of the section, dotted ({@code telegram.outbox.per-chat.messages}), nested records flattened. */
    default List<String> keys() {
        return SettingKey.leaves(List.of(name()), type()).stream().map(SettingKey::key).toList();
    }

    /** The environment variable of each key ({@code TELEGRAM_OUTBOX_PER_CHAT_MESSAGES}); {@code NAME_FILE} also works. */
    default List<String> variables() {
        return SettingKey.leaves(List.of(name()), type()).stream().map(SettingKey::envName).toList();
    }

    /** A section that is always there: {@code defaults}, then the file's section, then the environment. */
    static <T extends Record> Always<T> of(String name, T defaults) {
        @SuppressWarnings("unchecked") // a record class is final: getClass() is T itself
        Class<T> type = (Class<T>) defaults.getClass();
        return new Always<>(name, type, defaults);
    }

    /**
     * A section that is off until {@code key} has a value, as a platform is off without its token.
     * Its defaults are built from that value, since the record refuses to exist without it.
     */
    static <T extends Record> WhenSet<T> whenSet(String name, String key, Class<T> type, Function<String, T> defaults) {
        return new WhenSet<>(name, type, key, defaults);
    }

    record Always<T extends Record>(String name, Class<T> type, T defaults) implements Section<T> {

        public Always {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(defaults, "defaults");
        }
    }

    /** @param key a top-level text component of {@code type}, e.g. {@code bot-token} */
    record WhenSet<T extends Record>(String name, Class<T> type, String key, Function<String, T> defaults)
            implements Section<T> {

        public WhenSet {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(defaults, "defaults");
            boolean textKey = Arrays.stream(type.getRecordComponents())
                    .anyMatch(c -> SettingKey.kebab(c.getName()).equals(key) && c.getType() == String.class);
            if (!textKey) {
                throw new IllegalArgumentException(type.getSimpleName() + " has no text setting " + key);
            }
        }

        SettingKey switchKey() {
            return new SettingKey(List.of(name, key), String.class, String.class);
        }
    }
}
