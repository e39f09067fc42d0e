package com.reelay.app.logging;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in any text about to be logged: the configured secrets themselves, and anything
 * shaped like a Telegram bot token, a Discord bot token, a NemoVideo token or a bearer
 * credential, wherever it appears (messages, exception texts, URLs quoted by HTTP clients).
 */
public final class SecretMask {

    private record Shape(Pattern pattern, String replacement) {
    }

    private static final List<Shape> SHAPES = List.of(
            // Telegram: <bot id>:<35 characters>, also inside /bot<token>/ URL paths.
            new Shape(Pattern.compile("\\d{6,12}:[A-Za-z0-9_-]{30,}"), "<telegram-token>"),
            // Discord: three base64url parts separated by dots.
            new Shape(Pattern.compile("[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{6,}\\.[A-Za-z0-9_-]{25,}"), "<discord-token>"),
            // NemoVideo: nmv_usr_…, and any other nmv_<kind>_… token.
            new Shape(Pattern.compile("nmv_[a-z]+_[A-Za-z0-9_-]{6,}"), "nmv_***"),
            new Shape(Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+"), "$1***"));

    private static final SecretMask SHARED = new SecretMask();

    private final Set<String> literals = new CopyOnWriteArraySet<>();

    /** The mask the logging layer uses; the launcher registers configured secrets with it. */
    public static SecretMask shared() {
        return SHARED;
    }

    /** Masks this exact value wherever it appears (ignored when too short to be a secret). */
    public void register(String secret) {
        if (secret != null && secret.strip().length() >= 6) {
            literals.add(secret.strip());
        }
    }

    public String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String literal : literals) {
            if (out.contains(literal)) {
                out = out.replace(literal, "***");
            }
        }
        for (Shape shape : SHAPES) {
            Matcher m = shape.pattern().matcher(out);
            if (m.find()) {
                out = m.replaceAll(shape.replacement());
            }
        }
        return out;
    }
}
