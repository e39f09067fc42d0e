package com.reelay.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the launcher reads from the command line and environment.
 *
 * @param offline  run NemoVideo's simulator in-process (no account, no internet)
 * @param dataDir  REELAY_DATA_DIR, default ./data
 * @param nemoToken NEMO_TOKEN, when the operator has a registered account
 * @param nemoApiBase NEMO_API_BASE, default the production URL
 */
record LaunchOptions(boolean offline, boolean help, Path dataDir, Optional<String> nemoToken, String nemoApiBase,
                     String skillSource, String skillPlatform) {

    static final String USAGE = String.join("\n",
            "Usage: java -jar reelay.jar [--offline] [--help]",
            "  --offline   use the built-in NemoVideo simulator (no account or internet needed)",
            "Environment: NEMO_TOKEN, NEMO_API_BASE, REELAY_DATA_DIR (default ./data),",
            "             NEMO_SKILL_SOURCE, NEMO_SKILL_PLATFORM");

    /** Parses {@code args}; throws {@link IllegalArgumentException} with a person-readable message. */
    static LaunchOptions parse(String[] args, Map<String, String> env) {
        boolean offline = false;
        boolean help = false;
        for (String arg : args) {
            switch (arg) {
                case "--offline":
                    offline = true;
                    break;
                case "--help":
                case "-h":
                    help = true;
                    break;
                default:
                    throw new IllegalArgumentException("Unknown option: " + arg);
            }
        }
        Path dataDir = Path.of(env.getOrDefault("REELAY_DATA_DIR", "data"));
        Optional<String> token = Optional.ofNullable(env.get("NEMO_TOKEN")).map(String::strip).filter(t -> !t.isEmpty());
        String base = env.getOrDefault("NEMO_API_BASE", com.reelay.core.nemo.NemoSettings.DEFAULT_BASE_URL).strip();
        if (!base.startsWith("http://") && !base.startsWith("https://")) {
            throw new IllegalArgumentException("NEMO_API_BASE must be an http(s) URL, got: " + base);
        }
        return new LaunchOptions(offline, help, dataDir, token, base,
                env.getOrDefault("NEMO_SKILL_SOURCE", com.reelay.core.nemo.NemoSettings.DEFAULT_SKILL_SOURCE),
                env.getOrDefault("NEMO_SKILL_PLATFORM", com.reelay.core.nemo.NemoSettings.DEFAULT_SKILL_PLATFORM));
    }
}
