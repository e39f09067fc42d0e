package com.reelay.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.reelay.core.conversation.EngineSettings;
import com.reelay.core.guard.GuardSettings;
import com.reelay.discord.DiscordSettings;
import com.reelay.telegram.TelegramSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads the settings: one YAML file ({@code --config} or {@code REELAY_CONFIG}; optional), every
 * key overridable by an environment variable named after it ({@code telegram.bot-token} →
 * {@code TELEGRAM_BOT_TOKEN}), secrets also from files ({@code TELEGRAM_BOT_TOKEN_FILE}).
 * Reports every problem at once.
 */
public final class ConfigLoader {

    static final String TELEGRAM = "telegram";
    static final String DISCORD = "discord";
    private static final Set<String> SECTIONS = Set.of("reelay", "nemo", "engine", "guard", TELEGRAM, DISCORD);

    private ConfigLoader() {
    }

    /** {@code file}: the --config argument if given; else REELAY_CONFIG; else no file. */
    public static ReelayConfig load(Optional<Path> file, Map<String, String> env) throws ConfigException {
        List<String> problems = new ArrayList<>();
        Optional<Path> path = file.or(() -> Optional.ofNullable(env.get("REELAY_CONFIG")).filter(s -> !s.isBlank()).map(Path::of));
        JsonNode root = path.map(p -> read(p, problems)).orElse(null);
        if (root == null || root.isNull() || root.isMissingNode()) {
            root = YAMLMapper.builder().build().createObjectNode();
        }
        if (!root.isObject()) {
            throw new ConfigException(List.of(path.orElseThrow() + ": expected a map of sections (reelay, nemo, engine, guard, telegram, discord)"));
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SECTIONS.contains(name)) {
                problems.add("unknown section " + name + " (known: reelay, nemo, engine, guard, telegram, discord)");
            }
        }
        SectionBinder binder = new SectionBinder(env, problems);
        Optional<AppSettings> app = binder.bind("reelay", AppSettings.defaults(), AppSettings.class, root.get("reelay"));
        Optional<NemoSection> nemo = binder.bind("nemo", NemoSection.defaults(), NemoSection.class, root.get("nemo"));
        Optional<EngineSettings> engine = binder.bind("engine", EngineSettings.defaults(), EngineSettings.class, root.get("engine"));
        Optional<GuardSettings> guard = binder.bind("guard", GuardSettings.defaults(), GuardSettings.class, root.get("guard"));
        Optional<TelegramSettings> telegram = platform(binder, root, TELEGRAM, "bot-token", TelegramSettings.class,
                TelegramSettings::defaults);
        Optional<DiscordSettings> discord = platform(binder, root, DISCORD, "bot-token", DiscordSettings.class,
                DiscordSettings::defaults);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new ReelayConfig(app.orElseThrow(), nemo.orElseThrow(), engine.orElseThrow(), guard.orElseThrow(), telegram, discord);
    }

    /** A platform section: off while its token is empty, else bound over the adapter's defaults. */
    private static <T extends Record> Optional<T> platform(SectionBinder binder, JsonNode root, String section, String tokenKey,
                                                           Class<T> type, java.util.function.Function<String, T> defaults) {
        JsonNode yaml = root.get(section);
        SettingKey key = new SettingKey(List.of(section, tokenKey), String.class, String.class);
        String token = binder.envValue(key)
                .orElse(yaml != null && yaml.path(tokenKey).isTextual() ? yaml.path(tokenKey).asText() : "").strip();
        if (token.isEmpty()) {
            return Optional.empty();
        }
        T base;
        try {
            base = defaults.apply(token);
        } catch (IllegalArgumentException e) {
            binder.problem(section + ": " + e.getMessage());
            return Optional.empty();
        }
        if (yaml instanceof ObjectNode o) {
            o = o.deepCopy();
            o.remove(tokenKey); // already applied, and the env may have overridden it
            yaml = o;
        }
        return binder.bind(section, base, type, yaml);
    }

    private static JsonNode read(Path file, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add("config file " + file + " does not exist");
            return null;
        }
        try {
            return YAMLMapper.builder().build().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            problems.add("config file " + file + " is not valid YAML" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            problems.add("config file " + file + " cannot be read: " + e.getMessage());
        }
        return null;
    }
}
