package com.reelay.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binder on made-up settings records: it knows no module of Reelay, only records. */
class ConfigLoaderTest {

    enum Mode { LONG_POLLING, WEBHOOK }

    record Limits(int messages, Duration per) {

        Limits {
            if (messages < 1) {
                throw new IllegalArgumentException("messages must be at least 1");
            }
        }
    }

    record Hook(String url, String secretToken) {
    }

    /** Every kind of value the binder handles: text, numbers, durations, sizes, enums, lists, nested and absent records. */
    record Relay(String dataDir, int port, boolean verbose, Duration timeout, long maxUploadBytes, Mode mode,
                 List<Long> ids, List<String> users, Limits limits, Hook hook, String apiToken) {

        Relay {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be within 0..65535, got " + port);
            }
            ids = List.copyOf(ids);
            users = List.copyOf(users);
        }

        static Relay defaults() {
            return new Relay("data", 8080, false, Duration.ofSeconds(3), 1024, Mode.LONG_POLLING, List.of(), List.of(),
                    new Limits(20, Duration.ofMinutes(1)), null, "");
        }
    }

    /** A platform-like section: it exists only with its token, which it checks without repeating. */
    record Door(String botToken, String apiBase) {

        Door {
            if (botToken == null || !botToken.matches("\\d+:\\w+")) {
                throw new IllegalArgumentException("the door token is malformed (expected <digits>:<secret>)");
            }
        }

        static Door defaults(String token) {
            return new Door(token, "https://door.example");
        }
    }

    static final Section.Always<Relay> RELAY = Section.of("relay", Relay.defaults());
    static final Section.WhenSet<Door> DOOR = Section.whenSet("door", "bot-token", Door.class, Door::defaults);
    static final List<Section<?>> SECTIONS = List.of(RELAY, DOOR);
    static final String DOOR_TOKEN = "4242:" + "d00rS3cret"; // made up

    @TempDir
    Path dir;

    private Path yaml(String text) throws Exception {
        return Files.writeString(dir.resolve("settings.yml"), text);
    }

    private List<String> problems(Optional<Path> file, Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, env, SECTIONS)).problems();
    }

    @Test
    void noFileNoEnvironmentGivesTheDefaultsAndNoSwitchedSection() throws Exception {
        BoundSections bound = ConfigLoader.load(Optional.empty(), Map.of(), SECTIONS);
        assertEquals(Relay.defaults(), bound.get(RELAY));
        assertEquals(Optional.empty(), bound.find(DOOR));
        assertEquals(List.of("relay"), List.copyOf(bound.values().keySet()));
    }

    @Test
    void yamlThenEnvironmentThenSecretFiles() throws Exception {
        Path secret = Files.writeString(dir.resolve("api-token"), "tok_fromfile\n");
        Path file = yaml("relay:\n  port: 9000\n  data-dir: /var/lib/relay\n  timeout: 500ms\n"
                + "  max-upload-bytes: 20MB\n  mode: webhook\n  limits:\n    messages: 10\n");
        Relay relay = ConfigLoader.load(Optional.of(file), Map.of(
                "RELAY_PORT", "0",
                "RELAY_API_TOKEN_FILE", secret.toString(),
                "RELAY_USERS", "telegram:1, telegram:2",
                "RELAY_IDS", "111,222",
                "RELAY_HOOK_URL", "https://hook.example/in",
                "RELAY_VERBOSE", "true"), SECTIONS).get(RELAY);
        assertEquals(0, relay.port(), "the environment beats the file");
        assertEquals("/var/lib/relay", relay.dataDir());
        assertEquals(Duration.ofMillis(500), relay.timeout());
        assertEquals(20_000_000, relay.maxUploadBytes());
        assertEquals(Mode.WEBHOOK, relay.mode());
        assertEquals("tok_fromfile", relay.apiToken());
        assertEquals(List.of("telegram:1", "telegram:2"), relay.users());
        assertEquals(List.of(111L, 222L), relay.ids());
        assertEquals(new Hook("https://hook.example/in", null), relay.hook(), "an absent nested record is made");
        assertTrue(relay.verbose());
        assertEquals(10, relay.limits().messages());
        assertEquals(Duration.ofMinutes(1), relay.limits().per(), "untouched keys keep their defaults");
    }

    @Test
    void aSwitchedSectionIsOnOnceItsKeyIsSetInTheFileTheEnvironmentOrASecretFile() throws Exception {
        Path file = yaml("door:\n  api-base: http://127.0.0.1:1\n");
        assertEquals(Optional.empty(), ConfigLoader.load(Optional.of(file), Map.of(), SECTIONS).find(DOOR),
                "its other keys alone do not turn it on");
        assertEquals(Optional.empty(), ConfigLoader.load(Optional.empty(), Map.of("DOOR_BOT_TOKEN", "  "), SECTIONS)
                .find(DOOR), "blank is not set");

        assertEquals(new Door(DOOR_TOKEN, "http://127.0.0.1:1"), ConfigLoader.load(Optional.of(file),
                Map.of("DOOR_BOT_TOKEN", DOOR_TOKEN), SECTIONS).find(DOOR).orElseThrow());
        Path withToken = yaml("door:\n  bot-token: \"1:fromfile\"\n");
        assertEquals(Door.defaults("1:fromfile"),
                ConfigLoader.load(Optional.of(withToken), Map.of(), SECTIONS).find(DOOR).orElseThrow());
        assertEquals(Door.defaults(DOOR_TOKEN), ConfigLoader.load(Optional.of(withToken),
                Map.of("DOOR_BOT_TOKEN", DOOR_TOKEN), SECTIONS).find(DOOR).orElseThrow(), "the environment beats the file");
        Path secret = Files.writeString(dir.resolve("door-token"), DOOR_TOKEN + "\n");
        assertEquals(Door.defaults(DOOR_TOKEN), ConfigLoader.load(Optional.empty(),
                Map.of("DOOR_BOT_TOKEN_FILE", secret.toString()), SECTIONS).find(DOOR).orElseThrow());
    }

    @Test
    void everyProblemIsReportedAtOnceWithoutSecrets() throws Exception {
        Path file = yaml("relay:\n  max-upload-bytes: lots\n  prot: 1\n"
                + "  limits:\n    mesages: 2\n"
                + "door:\n  bot-token: not-a-token-hunter2\n"
                + "dor:\n  x: 1\n");
        List<String> problems = problems(Optional.of(file), Map.of());
        assertEquals(List.of("unknown section dor (known: relay, door)",
                "unknown setting relay.prot (did you mean port?)",
                "unknown setting relay.limits.mesages (did you mean messages?)",
                "relay.max-upload-bytes: expected a size such as 50MB, 10MiB or 1048576, got \"lots\"",
                "door: the door token is malformed (expected <digits>:<secret>)"), problems);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(file), Map.of(), SECTIONS));
        assertFalse(e.report().contains("hunter2"), "the bad token itself is not repeated");
        assertTrue(e.report().startsWith("Reelay can't start: the configuration has 5 problems:\n  - "), e.report());
    }

    @Test
    void theRecordsOwnChecksAndWrongTypesSayWhatWasExpected() {
        assertEquals(List.of("relay: port must be within 0..65535, got 70000"),
                problems(Optional.empty(), Map.of("RELAY_PORT", "70000")));
        assertEquals(List.of("relay.port: expected a whole number, got \"eighty\""),
                problems(Optional.empty(), Map.of("RELAY_PORT", "eighty")));
        assertEquals(List.of("relay.verbose: expected true or false, got \"maybe\""),
                problems(Optional.empty(), Map.of("RELAY_VERBOSE", "maybe")));
        assertEquals(List.of("relay: messages must be at least 1"),
                problems(Optional.empty(), Map.of("RELAY_LIMITS_MESSAGES", "0")));
        assertEquals(List.of("relay.timeout: expected a duration such as 500ms, 3s, 2m or 1h, got \"soon\""),
                problems(Optional.empty(), Map.of("RELAY_TIMEOUT", "soon")));
    }

    @Test
    void typosWithinTwoEditsOrInAnotherSeparatorGetASuggestion() throws Exception {
        assertEquals(List.of("unknown setting relay.timeoutt (did you mean timeout?)",
                        "unknown setting relay.data_dir (did you mean data-dir?)",
                        "unknown setting relay.maxUploadBytes (did you mean max-upload-bytes?)",
                        "unknown setting relay.deadline"),
                problems(Optional.of(yaml("relay:\n  timeoutt: 1s\n  data_dir: x\n  maxUploadBytes: 1\n  deadline: 1s\n")),
                        Map.of()));
    }

    @Test
    void listsFromTheEnvironmentSplitAtCommasOnly() {
        assertEquals(List.of("relay.ids[0]: expected a whole number, got \"111 222\""),
                problems(Optional.empty(), Map.of("RELAY_IDS", "111 222")));
    }

    /** Whole numbers that people count in ranges, such as the shards an instance runs. */
    record Workers(List<Integer> slots) {

        Workers {
            slots = List.copyOf(slots);
        }
    }

    static final Section.Always<Workers> WORKERS = Section.of("workers", new Workers(List.of()));

    @Test
    void listsOfWholeNumbersTakeRangesFromTheEnvironmentAndTheFile() throws Exception {
        assertEquals(List.of(0, 1, 2, 3), ConfigLoader.load(WORKERS, Map.of("WORKERS_SLOTS", "0-3")).slots());
        assertEquals(List.of(0, 2, 5, 6, 7), ConfigLoader.load(WORKERS, Map.of("WORKERS_SLOTS", " 0, 2,5 - 7 ")).slots());
        assertEquals(List.of(), ConfigLoader.load(WORKERS, Map.of("WORKERS_SLOTS", "")).slots(), "blank is none");
        List<Section<?>> workers = List.of(WORKERS);
        assertEquals(List.of(4, 5, 6), ConfigLoader.load(Optional.of(yaml("workers:\n  slots: 4-6\n")), Map.of(), workers)
                .get(WORKERS).slots());
        assertEquals(List.of(1, 8, 9), ConfigLoader.load(Optional.of(yaml("workers:\n  slots: [1, 8-9]\n")), Map.of(), workers)
                .get(WORKERS).slots());
        assertEquals(List.of(3), ConfigLoader.load(Optional.of(yaml("workers:\n  slots: 3\n")), Map.of(), workers)
                .get(WORKERS).slots());
    }

    @Test
    void aMalformedRangeNamesItsSetting() {
        Map<String, String> cases = Map.of(
                "0-x", "workers.slots: expected whole numbers and ranges such as 0-3 or 0,2,5-7, got \"0-x\"",
                "0,,1", "workers.slots: expected whole numbers and ranges such as 0-3 or 0,2,5-7, got \"0,,1\"",
                ",", "workers.slots: expected whole numbers and ranges such as 0-3 or 0,2,5-7, got \",\"",
                "-1", "workers.slots: expected whole numbers and ranges such as 0-3 or 0,2,5-7, got \"-1\"",
                "7-5", "workers.slots: the range 7-5 runs backwards (write 5-7)",
                "0-99999999", "workers.slots: more than 100000 numbers in \"0-99999999\"");
        cases.forEach((value, problem) -> assertEquals(List.of(problem),
                assertThrows(ConfigException.class, () -> ConfigLoader.load(WORKERS, Map.of("WORKERS_SLOTS", value)))
                        .problems(), value));
    }

    @Test
    void aSectionThatIsNotAMapIsAProblemEvenWhenSwitchedOff() throws Exception {
        assertEquals(List.of("relay: expected a map of settings", "door: expected a map of settings"),
                problems(Optional.of(yaml("relay: 5\ndoor: on\n")), Map.of()));
        assertEquals(List.of(yaml("- relay\n") + ": expected a map of sections (relay, door)"),
                problems(Optional.of(yaml("- relay\n")), Map.of()));
    }

    @Test
    void missingFilesBrokenYamlAndUnreadableSecretsAreProblemsToo() throws Exception {
        List<String> missing = problems(Optional.empty(), Map.of("REELAY_CONFIG", dir.resolve("nope.yml").toString()));
        assertTrue(missing.get(0).endsWith("nope.yml does not exist"), missing.toString());
        List<String> broken = problems(Optional.of(yaml("relay:\n  port: [1,\n")), Map.of());
        assertTrue(broken.get(0).contains("is not valid YAML (line"), broken.toString());
        assertEquals(List.of("RELAY_API_TOKEN_FILE: cannot read /no/such/secret (NoSuchFileException)"),
                problems(Optional.empty(), Map.of("RELAY_API_TOKEN_FILE", "/no/such/secret")));
    }

    @Test
    void theFileComesFromReelayConfigWhenNoneIsGiven() throws Exception {
        Path file = yaml("relay:\n  port: 9000\n");
        assertEquals(9000, ConfigLoader.load(Optional.empty(), Map.of("REELAY_CONFIG", file.toString()), SECTIONS)
                .get(RELAY).port());
        Path other = Files.writeString(dir.resolve("other.yml"), "relay:\n  port: 9001\n");
        assertEquals(9001, ConfigLoader.load(Optional.of(other), Map.of("REELAY_CONFIG", file.toString()), SECTIONS)
                .get(RELAY).port(), "the argument beats the variable");
    }

    @Test
    void oneSectionBindsFromTheEnvironmentAlone() throws Exception {
        assertEquals(new Door(DOOR_TOKEN, "http://127.0.0.1:2"), ConfigLoader.load(DOOR, Map.of(
                "DOOR_BOT_TOKEN", DOOR_TOKEN, "DOOR_API_BASE", "http://127.0.0.1:2",
                "REELAY_CONFIG", dir.resolve("ignored.yml").toString())));
        assertEquals(Relay.defaults(), ConfigLoader.load(RELAY, Map.of()));
        ConfigException off = assertThrows(ConfigException.class, () -> ConfigLoader.load(DOOR, Map.of()));
        assertEquals(List.of("door is off: DOOR_BOT_TOKEN is not set"), off.problems());
    }

    @Test
    void printedSettingsHideSecretsAndLeaveOutSwitchedOffSections() throws Exception {
        BoundSections bound = ConfigLoader.load(Optional.empty(), Map.of("DOOR_BOT_TOKEN", DOOR_TOKEN,
                "RELAY_API_TOKEN", "tok_secretsecret", "RELAY_HOOK_URL", "https://hook.example/in",
                "RELAY_HOOK_SECRET_TOKEN", "hooksecret"), SECTIONS);
        String printed = ConfigPrinter.describe(bound);
        assertFalse(printed.contains(DOOR_TOKEN) || printed.contains("d00rS3cret"), printed);
        assertFalse(printed.contains("tok_secretsecret") || printed.contains("hooksecret"), printed);
        assertTrue(printed.contains("bot-token: '***'") || printed.contains("bot-token: \"***\""), printed);
        assertTrue(printed.contains("timeout: 3s"), printed);
        assertTrue(printed.indexOf("relay:") < printed.indexOf("door:"), "in the order declared: " + printed);
        assertFalse(ConfigPrinter.describe(ConfigLoader.load(Optional.empty(), Map.of(), SECTIONS)).contains("door"));
    }

    @Test
    void aSectionListsEveryKeyWithNestedRecordsFlattened() {
        assertEquals(List.of("relay.data-dir", "relay.port", "relay.verbose", "relay.timeout", "relay.max-upload-bytes",
                "relay.mode", "relay.ids", "relay.users", "relay.limits.messages", "relay.limits.per", "relay.hook.url",
                "relay.hook.secret-token", "relay.api-token"), RELAY.keys());
    }

    @Test
    void eachKeysVariableIsItsNameInUpperCaseWithUnderscores() {
        assertEquals(List.of("DOOR_BOT_TOKEN", "DOOR_API_BASE"), DOOR.variables());
        assertEquals("RELAY_LIMITS_MESSAGES", RELAY.variables().get(RELAY.keys().indexOf("relay.limits.messages")));
    }

    @Test
    void aSwitchMustBeATextSettingOfTheRecord() {
        assertThrows(IllegalArgumentException.class, () -> Section.whenSet("door", "token", Door.class, Door::defaults));
        assertThrows(IllegalArgumentException.class, () -> Section.whenSet("relay", "port", Relay.class, t -> Relay.defaults()));
    }
}
