package com.reelay.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One leaf setting: its dotted key ({@code telegram.outbox.per-chat.messages}), the record
 * component it binds to, and the environment variable that overrides it
 * ({@code TELEGRAM_OUTBOX_PER_CHAT_MESSAGES}: the key in upper case, dots and dashes as underscores).
 */
record SettingKey(List<String> path, Class<?> type, Type genericType) {

    String key() {
        return String.join(".", path);
    }

    String envName() {
        return key().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Secrets are never printed: tokens, secrets, passwords. */
    boolean isSecret() {
        String last = path.get(path.size() - 1);
        return last.contains("token") || last.contains("secret") || last.contains("password");
    }

    boolean isList() {
        return List.class.isAssignableFrom(type);
    }

    /** A list of ints (not longs: those are ids) also takes ranges such as "0-3,8". */
    boolean isWholeNumberList() {
        return isList() && elementType() == Integer.class;
    }

    /** A long whose name says it counts bytes accepts sizes such as "50MB". */
    boolean isByteCount() {
        return (type == long.class || type == Long.class) && path.get(path.size() - 1).endsWith("bytes");
    }

    /** Every leaf of {@code recordType} under {@code prefix}, nested records flattened. */
    static List<SettingKey> leaves(List<String> prefix, Class<?> recordType) {
        List<SettingKey> out = new ArrayList<>();
        for (RecordComponent c : recordType.getRecordComponents()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(kebab(c.getName()));
            if (c.getType().isRecord()) {
                out.addAll(leaves(path, c.getType()));
            } else {
                out.add(new SettingKey(List.copyOf(path), c.getType(), c.getGenericType()));
            }
        }
        return out;
    }

    static String kebab(String camel) {
        StringBuilder s = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                s.append('-').append(Character.toLowerCase(ch));
            } else {
                s.append(ch);
            }
        }
        return s.toString();
    }

    /** The element type of a {@code List<X>} component (String when unknown). */
    Class<?> elementType() {
        if (genericType instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        return String.class;
    }
}
