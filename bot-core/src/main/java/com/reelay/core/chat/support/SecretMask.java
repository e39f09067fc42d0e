package com.reelay.core.chat.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Masks secrets in text bound for a log line, an exception message, a chat or a printed URL: the
 * secrets registered with it, and anything shaped like a Telegram bot token, a Discord bot token
 * or interaction token, a NemoVideo token or anonymous id, or a bearer credential, wherever it
 * appears (HTTP clients quote whole URLs, and the Bot API puts the token in every one).
 *
 * <p>Thread-safe: secrets may be registered while other threads mask.
 */
public final class SecretMask {

    /** Registered values shorter than this are ignored: they would mask ordinary words. */
    public static final int MIN_SECRET_LENGTH = 4;

    private record Shape(Pattern pattern, String replacement) {
    }

    private static final List<Shape> SHAPES = List.of(
            // Telegram: <bot id>:<secret>, also inside /bot<token>/ and /file/bot<token>/ URL paths.
            new Shape(Pattern.compile("\\d{3,}:[A-Za-z0-9_-]{20,}"), "<telegram-token>"),
            // Discord bot token: three base64url parts separated by dots.
            new Shape(Pattern.compile("[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{6,}\\.[A-Za-z0-9_-]{25,}"), "<discord-token>"),
            // Discord interaction and webhook URLs carry their token as the path segment after the id.
            new Shape(Pattern.compile("(/(?:webhooks|interactions)/\\d+/)[A-Za-z0-9_.-]+"), "$1<interaction-token>"),
            // NemoVideo: nmv_usr_… and any other nmv_… token; anon_… anonymous user (bind) ids.
            new Shape(Pattern.compile("(?i)nmv_[a-z0-9_.-]+"), "nmv_***"),
            new Shape(Pattern.compile("(?i)anon_[a-z0-9_-]+"), "anon_***"),
            // The credential after "Bearer" (RFC 6750 characters, so a JSON log line keeps its quotes).
            new Shape(Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+"), "$1***"));

    /** Longest first, so a secret that contains another is masked whole. */
    private volatile List<String> secrets = List.of();

    /** A mask of the shapes only, until secrets are {@linkplain #register registered}. */
    public SecretMask() {
    }

    /** A mask of these secrets (nulls and too short values skipped) and of the shapes. */
    public static SecretMask of(String... secrets) {
        return of(Arrays.asList(secrets));
    }

    /** A mask of these secrets (nulls and too short values skipped) and of the shapes. */
    public static SecretMask of(Collection<String> secrets) {
        SecretMask mask = new SecretMask();
        secrets.forEach(mask::register);
        return mask;
    }

    /** Masks this exact value (stripped) wherever it appears; ignored when null or too short. */
    public synchronized void register(String secret) {
        if (secret == null || secret.strip().length() < MIN_SECRET_LENGTH || secrets.contains(secret.strip())) {
            return;
        }
        List<String> more = new ArrayList<>(secrets);
        more.add(secret.strip());
        more.sort(Comparator.comparingInt(String::length).reversed());
        secrets = List.copyOf(more);
    }

    /** {@code text} with every secret masked; empty for null. */
    public String apply(String text) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, "***");
        }
        for (Shape shape : SHAPES) {
            out = shape.pattern().matcher(out).replaceAll(shape.replacement());
        }
        return out;
    }

    /**
     * The error and up to three causes as one masked line: class names and messages, no stack
     * trace; the wrappers a future adds are skipped.
     */
    public String describe(Throwable error) {
        StringBuilder line = new StringBuilder();
        Throwable t = Futures.unwrap(error);
        for (int depth = 0; t != null && depth < 4; depth++, t = t.getCause()) {
            if (depth > 0) {
                line.append(" <- ");
            }
            line.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                line.append(": ").append(apply(t.getMessage()));
            }
        }
        return line.toString();
    }
}
