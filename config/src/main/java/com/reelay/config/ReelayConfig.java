package com.reelay.config;

import com.reelay.core.conversation.EngineSettings;
import com.reelay.core.guard.GuardSettings;
import com.reelay.discord.DiscordSettings;
import com.reelay.telegram.TelegramSettings;
import java.util.Optional;

/**
 * Everything Reelay runs with, bound and validated. A platform whose token is not set is off;
 * with none on, the console chat runs.
 */
public record ReelayConfig(AppSettings app, NemoSection nemo, EngineSettings engine, GuardSettings guard,
                           Optional<TelegramSettings> telegram, Optional<DiscordSettings> discord) {

    /** Whether any chat platform is configured (else the console runs). */
    public boolean hasPlatform() {
        return telegram.isPresent() || discord.isPresent();
    }
}
