package com.reelay.core.conversation;

import com.reelay.core.chat.Inbound;
import com.reelay.core.guard.GuardRails;
import java.util.Optional;

/**
 * Decides whether a request is taken at all: who may use the bot (guard rails), the limits that
 * protect the service (prompt length, files per message), and the rate limits on prompts.
 * Returns the refusal to tell the person, or empty when the request may go on.
 */
final class Admission {

    private final GuardRails guard;
    private final EngineSettings settings;

    Admission(GuardRails guard, EngineSettings settings) {
        this.guard = guard;
        this.settings = settings;
    }

    Optional<String> refusal(Inbound event, Intent intent) {
        Optional<String> refusal = guard.admit(event.chat(), event.user());
        if (refusal.isEmpty()) {
            refusal = overLimits(intent);
        }
        if (refusal.isEmpty() && isPrompt(intent)) {
            refusal = guard.takePrompt(event.chat(), event.user());
        } else if (refusal.isEmpty() && usesNemoVideo(intent)) {
            refusal = guard.takeRequest(event.chat(), event.user());
        }
        return refusal;
    }

    /** Prompts are what cost credits: they count against the rate limits and the daily quota. */
    private static boolean isPrompt(Intent intent) {
        return intent instanceof Intent.Chat || (intent instanceof Intent.Upload u && !u.caption().isBlank());
    }

    /** Everything else that costs a NemoVideo call; help and cancel stay free, so a person can always stop. */
    private static boolean usesNemoVideo(Intent intent) {
        return intent instanceof Intent.Credits || intent instanceof Intent.Status || intent instanceof Intent.Upload
                || intent instanceof Intent.Export || intent instanceof Intent.NewProject;
    }

    private Optional<String> overLimits(Intent intent) {
        String text = "";
        if (intent instanceof Intent.Chat c) {
            text = c.prompt();
        } else if (intent instanceof Intent.Upload u) {
            text = u.caption();
            if (u.files().size() > settings.maxFilesPerRequest()) {
                return Optional.of(Phrases.tooManyFiles(u.files().size(), settings.maxFilesPerRequest()));
            }
        }
        int length = text.codePointCount(0, text.length());
        if (length > settings.maxTextLength()) {
            return Optional.of(Phrases.tooLong(length, settings.maxTextLength()));
        }
        return Optional.empty();
    }
}
