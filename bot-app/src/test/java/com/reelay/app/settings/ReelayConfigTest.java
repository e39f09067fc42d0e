package com.reelay.app.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.config.ConfigException;
import com.reelay.config.Section;
import com.reelay.core.conversation.EngineSettings;
import com.reelay.core.guard.GuardSettings;
import com.reelay.discord.DiscordSettings;
import com.reelay.discord.SessionScope;
import com.reelay.telegram.TelegramSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reelay's sections as an operator sees them: keys, variable names, messages, the example file. */
class ReelayConfigTest {

    private static final Path EXAMPLE = Path.of("../config/reelay.example.yml");
    private static final String TOKEN = "123456789:" + "AA" + "HdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ" ; // made up, token-shaped

    @TempDir
    Path dir;

    private Path yaml(String text) throws Exception {
        return Files.writeString(dir.resolve("reelay.yml"), text);
    }

    @Test
    void noFileNoEnvironmentGivesTheDefaults() throws Exception {
        ReelayConfig config = ReelayConfig.load(Optional.empty(), Map.of());
        assertEquals(AppSettings.defaults(), config.app());
        assertEquals(EngineSettings.defaults(), config.engine());
        assertEquals(GuardSettings.defaults(), config.guard());
        assertEquals(Optional.empty(), config.telegram());
        assertFalse(config.hasPlatform());
    }

    @Test
    void theIdentityScopeIsChatUnlessTheOperatorSaysOtherwise() throws Exception {
        assertEquals(com.reelay.core.conversation.IdentityScope.CHAT,
                ReelayConfig.load(Optional.empty(), Map.of()).nemo().identityScope());
        assertEquals(com.reelay.core.conversation.IdentityScope.USER,
                ReelayConfig.load(Optional.empty(), Map.of("NEMO_IDENTITY_SCOPE", "user")).nemo().identityScope());
        assertEquals(com.reelay.core.conversation.IdentityScope.SHARED,
                ReelayConfig.load(Optional.empty(), Map.of("NEMO_IDENTITY_SCOPE", "shared")).nemo().identityScope());
    }

    @Test
    void theExampleFileLoadsAndEqualsTheDefaults() throws Exception {
        ReelayConfig example = ReelayConfig.load(Optional.of(EXAMPLE), Map.of());
        assertEquals(ReelayConfig.load(Optional.empty(), Map.of()), example);
        ReelayConfig withTelegram = ReelayConfig.load(Optional.of(EXAMPLE), Map.of("TELEGRAM_BOT_TOKEN", TOKEN));
        assertEquals(TelegramSettings.defaults(TOKEN), withTelegram.telegram().orElseThrow());
        ReelayConfig withDiscord = ReelayConfig.load(Optional.of(EXAMPLE), Map.of("DISCORD_BOT_TOKEN", "abc.def.ghi",
                "DISCORD_GUILD_IDS", "111,222", "DISCORD_SESSION_SCOPE", "user-in-channel"));
        DiscordSettings discord = withDiscord.discord().orElseThrow();
        assertEquals(List.of(111L, 222L), discord.guildIds());
        assertEquals(SessionScope.USER_IN_CHANNEL, discord.sessionScope());
        assertEquals("https://discord.com/api/v10/", discord.apiBase());
        assertTrue(withDiscord.hasPlatform());
    }

    @Test
    void theExampleDocumentsEveryKey() throws Exception {
        String text = Files.readString(EXAMPLE);
        List<String> missing = new ArrayList<>();
        for (Section<?> section : ReelayConfig.SECTIONS) {
            for (String key : section.keys()) {
                String leaf = key.substring(key.lastIndexOf('.') + 1);
                if (!text.matches("(?s).*\\n[ #]*" + Pattern.quote(leaf) + ":.*")) {
                    missing.add(key);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyVariableTheReadmeNamesStillSetsASetting() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        String configuration = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("## Operations"));
        Set<String> known = new HashSet<>();
        ReelayConfig.SECTIONS.forEach(section -> known.addAll(section.variables()));
        List<String> named = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Matcher variable = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b").matcher(configuration);
        while (variable.find()) {
            String name = variable.group().replaceFirst("_FILE$", "");
            named.add(name);
            if (!name.equals("REELAY_CONFIG") && !known.contains(name)) {
                unknown.add(variable.group());
            }
        }
        assertEquals(List.of(), unknown);
        assertTrue(named.containsAll(List.of("TELEGRAM_BOT_TOKEN", "DISCORD_BOT_TOKEN", "NEMO_TOKEN", "REELAY_DATA_DIR",
                "REELAY_HTTP_PORT", "DISCORD_GUILD_IDS", "ENGINE_EDIT_INTERVAL")), named.toString());
    }

    @Test
    void yamlThenEnvironmentThenSecretFiles() throws Exception {
        Path secret = Files.writeString(dir.resolve("nemo-token"), "nmv_usr_fromfile\n");
        Path file = yaml("reelay:\n  http-port: 9000\n  data-dir: /var/lib/reelay\n"
                + "engine:\n  edit-interval: 500ms\n"
                + "guard:\n  admins: [telegram:1]\n"
                + "telegram:\n  bot-token: " + TOKEN + "\n  update-mode: long-polling\n  video-upload-limit-bytes: 20MB\n"
                + "  outbox:\n    per-group:\n      messages: 10\n");
        ReelayConfig config = ReelayConfig.load(Optional.of(file), Map.of(
                "REELAY_HTTP_PORT", "0",
                "NEMO_TOKEN_FILE", secret.toString(),
                "NEMO_API_BASE", "http://127.0.0.1:8765",
                "GUARD_ALLOWED_USERS", "telegram:1, telegram:2",
                "TELEGRAM_ALBUM_DEBOUNCE", "250ms"));
        assertEquals(0, config.app().httpPort(), "the environment beats the file");
        assertEquals("/var/lib/reelay", config.app().dataDir());
        assertEquals(Duration.ofMillis(500), config.engine().editInterval());
        assertEquals(Optional.of("nmv_usr_fromfile"), config.nemo().registeredToken());
        assertEquals("http://127.0.0.1:8765", config.nemo().toClientSettings().baseUrl());
        assertEquals(List.of("telegram:1", "telegram:2"), config.guard().allowedUsers());
        assertEquals(List.of("telegram:1"), config.guard().admins());
        TelegramSettings telegram = config.telegram().orElseThrow();
        assertEquals(20_000_000, telegram.videoUploadLimitBytes());
        assertEquals(10, telegram.outbox().perGroup().messages());
        assertEquals(Duration.ofMinutes(1), telegram.outbox().perGroup().per(), "untouched keys keep their defaults");
        assertEquals(Duration.ofMillis(250), telegram.albumDebounce());
    }

    @Test
    void everyProblemIsReportedAtOnceWithoutSecrets() throws Exception {
        Path file = yaml("reelay:\n  http-port: 70000\n  log-format: xml\n"
                + "nemo:\n  api-base: ftp://nemo\n  stream-timeout: soon\n"
                + "engine:\n  edit-intervall: 3s\n"
                + "guard:\n  prompts-per-user-per-hour: -1\n"
                + "telegram:\n  bot-token: not-a-token\n"
                + "discrod:\n  x: 1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ReelayConfig.load(Optional.of(file), Map.of()));
        List<String> problems = e.problems();
        assertTrue(problems.contains("unknown section discrod (known: reelay, nemo, engine, guard, telegram, discord)"), problems.toString());
        assertTrue(problems.contains("reelay: http-port must be within 0..65535 (0 turns it off), got 70000; log-format must be text or json, got xml"), problems.toString());
        assertTrue(problems.contains("nemo.stream-timeout: expected a duration such as 500ms, 3s, 2m or 1h, got \"soon\""), problems.toString());
        assertTrue(problems.contains("unknown setting engine.edit-intervall (did you mean edit-interval?)"), problems.toString());
        assertTrue(problems.contains("guard: prompts-per-user-per-hour must be 0 (no limit) or more"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("telegram: the Telegram bot token is missing or malformed")), problems.toString());
        assertEquals(6, problems.size(), problems.toString());
        assertFalse(e.report().contains("not-a-token"), "the bad token itself is not repeated");
        assertTrue(e.report().startsWith("Reelay can't start: the configuration has 6 problems:\n  - "));
    }

    @Test
    void nemoApiBaseIsCheckedAfterTheOtherNemoProblems() throws Exception {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ReelayConfig.load(Optional.empty(), Map.of("NEMO_API_BASE", "ftp://nemo")));
        assertEquals(List.of("nemo: api-base must be an http(s) URL, got \"ftp://nemo\""), e.problems());
    }

    @Test
    void wrongTypesSayWhatWasExpected() {
        ConfigException e = assertThrows(ConfigException.class, () -> ReelayConfig.load(Optional.empty(),
                Map.of("REELAY_HTTP_PORT", "eighty", "TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_ATTACH_VIDEOS", "maybe")));
        assertEquals(List.of("reelay.http-port: expected a whole number, got \"eighty\"",
                "telegram.attach-videos: expected true or false, got \"maybe\""), e.problems());
    }

    @Test
    void missingFilesAndBrokenYamlAreProblemsToo() throws Exception {
        ConfigException missing = assertThrows(ConfigException.class,
                () -> ReelayConfig.load(Optional.empty(), Map.of("REELAY_CONFIG", dir.resolve("nope.yml").toString())));
        assertTrue(missing.problems().get(0).endsWith("nope.yml does not exist"));
        Path broken = yaml("reelay:\n  http-port: [1,\n");
        ConfigException yaml = assertThrows(ConfigException.class, () -> ReelayConfig.load(Optional.of(broken), Map.of()));
        assertTrue(yaml.problems().get(0).contains("is not valid YAML (line"), yaml.problems().toString());
        ConfigException file = assertThrows(ConfigException.class,
                () -> ReelayConfig.load(Optional.empty(), Map.of("NEMO_TOKEN_FILE", "/no/such/secret")));
        assertEquals(List.of("NEMO_TOKEN_FILE: cannot read /no/such/secret (NoSuchFileException)"), file.problems());
    }

    @Test
    void printedSettingsHideSecrets() throws Exception {
        ReelayConfig config = ReelayConfig.load(Optional.empty(), Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "NEMO_TOKEN", "nmv_usr_secretsecret"));
        String printed = config.describe();
        assertFalse(printed.contains(TOKEN) || printed.contains("AAHdq"), printed);
        assertFalse(printed.contains("nmv_usr_secretsecret"), printed);
        assertTrue(printed.contains("bot-token: '***'") || printed.contains("bot-token: \"***\""), printed);
        assertTrue(printed.contains("edit-interval: 3s"), printed);
    }
}
