package com.reelay.app;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The command line. Settings themselves come from the config file and environment (see the
 * config module); these flags only choose how to run.
 *
 * @param offline     run NemoVideo's simulator in-process (no account, no internet)
 * @param configFile  {@code --config <path>}
 * @param printConfig print the effective settings (secrets masked) and exit
 */
record LaunchOptions(boolean offline, boolean help, boolean printConfig, Optional<Path> configFile) {

    static final String USAGE = String.join("\n",
            "Usage: java -jar reelay.jar [--offline] [--config <file>] [--print-config] [--help]",
            "  --offline        use the built-in NemoVideo simulator (no account or internet needed)",
            "  --config <file>  YAML settings (also REELAY_CONFIG); see config/reelay.example.yml",
            "  --print-config   print the effective settings, secrets masked, and exit",
            "Every setting can also come from the environment, e.g. TELEGRAM_BOT_TOKEN, NEMO_TOKEN,",
            "REELAY_DATA_DIR, REELAY_HTTP_PORT. With no platform token set, the console chat runs.");

    /** Parses {@code args}; throws {@link IllegalArgumentException} with a person-readable message. */
    static LaunchOptions parse(String[] args) {
        boolean offline = false;
        boolean help = false;
        boolean print = false;
        Optional<Path> config = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--config=")) {
                config = Optional.of(Path.of(arg.substring("--config=".length())));
                continue;
            }
            switch (arg) {
                case "--offline":
                    offline = true;
                    break;
                case "--help":
                case "-h":
                    help = true;
                    break;
                case "--print-config":
                    print = true;
                    break;
                case "--config":
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--config needs a file path");
                    }
                    config = Optional.of(Path.of(args[++i]));
                    break;
                default:
                    throw new IllegalArgumentException("Unknown option: " + arg);
            }
        }
        return new LaunchOptions(offline, help, print, config);
    }
}
