package com.reelay.core.nemo.internal;

import com.reelay.core.nemo.AnonymousIdentity;
import com.reelay.core.nemo.NemoAuth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Makes a service message safe for an exception message or a log line: whatever looks like a
 * token, a client id or an anonymous user id is masked, and the text is kept short.
 */
public final class Redaction {

    private static final int MAX_LENGTH = 160;
    private static final Pattern TOKEN_LIKE = Pattern.compile("(?i)(nmv_[a-z0-9_\\-.]+|anon_[a-z0-9_\\-]+|bearer\\s+\\S+)");
    private static final Pattern UUID_LIKE =
            Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}]");

    private Redaction() {
    }

    /** {@code text} without secrets of {@code auth} (may be null) or anything shaped like one. */
    public static String clean(String text, NemoAuth auth) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String cleaned = text;
        for (String secret : secretsOf(auth)) {
            cleaned = cleaned.replace(secret, "***");
        }
        cleaned = TOKEN_LIKE.matcher(cleaned).replaceAll("***");
        cleaned = UUID_LIKE.matcher(cleaned).replaceAll("***");
        cleaned = CONTROL.matcher(cleaned).replaceAll(" ").strip();
        return cleaned.length() > MAX_LENGTH ? cleaned.substring(0, MAX_LENGTH) + "…" : cleaned;
    }

    private static List<String> secretsOf(NemoAuth auth) {
        List<String> secrets = new ArrayList<>();
        if (auth == null) {
            return secrets;
        }
        auth.currentToken().ifPresent(secrets::add);
        auth.identity().ifPresent((AnonymousIdentity id) -> {
            secrets.add(id.clientId());
            if (!id.userId().isBlank()) {
                secrets.add(id.userId());
            }
        });
        secrets.removeIf(s -> s.length() < 4);
        return secrets;
    }
}
