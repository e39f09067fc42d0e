package com.reelay.core.nemo.internal;

import com.reelay.core.chat.support.SecretMask;
import com.reelay.core.nemo.AnonymousIdentity;
import com.reelay.core.nemo.NemoAuth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Makes a service message safe for an exception message or a log line: the identity's own
 * secrets and whatever {@link SecretMask} knows the shape of are masked; so are client ids
 * (UUIDs), which the service may echo for any identity; and the text is kept short.
 */
public final class Redaction {

    private static final int MAX_LENGTH = 160;
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
        String cleaned = SecretMask.of(secretsOf(auth)).apply(text);
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
            secrets.add(id.userId());
        });
        return secrets;
    }
}
