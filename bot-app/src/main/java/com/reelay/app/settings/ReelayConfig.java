package com.reelay.app.settings;

import com.reelay.config.BoundSections;
import com.reelay.config.ConfigException;
import com.reelay.config.ConfigLoader;
import com.reelay.config.ConfigPrinter;
import com.reelay.config.Section;
import com.reelay.core.conversation.EngineSettings;
import com.reelay.core.guard.GuardSettings;
import com.reelay.discord.DiscordSettings;
import com.reelay.telegram.TelegramSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Reelay runs with, bound and validated: the process's own sections here, each
 * platform's from its adapter. A platform whose token is not set is off; with none on, the
 * console chat runs.
 */
public record ReelayConfig(BoundSections sections) {

    static final Section.Always<AppSettings> APP = Section.of("reelay", AppSettings.defaults());
    static final Section.Always<NemoSection> NEMO = Section.of("nemo", NemoSection.defaults());
    static final Section.Always<EngineSettings> ENGINE = Section.of("engine", EngineSettings.defaults());
    static final Section.Always<GuardSettings> GUARD = Section.of("guard", GuardSettings.defaults());
    /** In the order the file documents and --print-config prints them. */
    static final List<Section<?>> SECTIONS = List.of(APP, NEMO, ENGINE, GUARD, TelegramSettings.SECTION,
            DiscordSettings.SECTION);

    /** {@code file}: the --config argument if given; else REELAY_CONFIG; else no file. */
    public static ReelayConfig load(Optional<Path> file, Map<String, String> env) throws ConfigException {
        return new ReelayConfig(ConfigLoader.load(file, env, SECTIONS));
    }

    public AppSettings app() {
        return sections.get(APP);
    }

    public NemoSection nemo() {
        return sections.get(NEMO);
    }

    public EngineSettings engine() {
        return sections.get(ENGINE);
    }

    public GuardSettings guard() {
        return sections.get(GUARD);
    }

    public Optional<TelegramSettings> telegram() {
        return sections.find(TelegramSettings.SECTION);
    }

    public Optional<DiscordSettings> discord() {
        return sections.find(DiscordSettings.SECTION);
    }

    /** Whether any chat platform is configured (else the console runs). */
    public boolean hasPlatform() {
        return telegram().isPresent() || discord().isPresent();
    }

    /** The effective settings as YAML, secrets masked ({@code --print-config}). */
    public String describe() {
        return ConfigPrinter.describe(sections);
    }
}
