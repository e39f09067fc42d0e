package com.reelay.app.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.config.ConfigException;
import com.reelay.postgres.DatabaseSettings;
import com.reelay.postgres.fleet.FleetSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** REELAY_DATABASE_URL, _USER and _PASSWORD (each also as _FILE) choose PostgreSQL; without them the embedded store stays. */
class DatabaseConfigTest {

    private static final String PASSWORD = "pg-" + "s3cr3t-" + "pass"; // made up

    @TempDir
    Path dir;

    @Test
    void withoutAUrlTheEmbeddedStoreStays() throws Exception {
        DatabaseSettings database = ReelayConfig.load(Optional.empty(), Map.of()).app().database();
        assertFalse(database.isPostgres());
        assertEquals(DatabaseSettings.defaults(), database);
    }

    @Test
    void theEnvironmentAndSecretFilesGiveTheServer() throws Exception {
        Path password = Files.writeString(dir.resolve("db-password"), PASSWORD + "\n");
        Path user = Files.writeString(dir.resolve("db-user"), "reelay\n");
        DatabaseSettings database = ReelayConfig.load(Optional.empty(), Map.of(
                "REELAY_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/reelay",
                "REELAY_DATABASE_USER_FILE", user.toString(),
                "REELAY_DATABASE_PASSWORD_FILE", password.toString(),
                "REELAY_DATABASE_POOL_SIZE", "4")).app().database();
        assertEquals(new DatabaseSettings("jdbc:postgresql://127.0.0.1:5432/reelay", "reelay", PASSWORD, 4), database);
        assertTrue(database.isPostgres());
        assertFalse(database.toString().contains(PASSWORD), database.toString());
    }

    @Test
    void theFleetsVariablesNameTheInstanceAndWhenItCountsAsDead() throws Exception {
        FleetSettings fleet = ReelayConfig.load(Optional.empty(), Map.of("REELAY_FLEET_INSTANCE_ID", "web-2",
                "REELAY_FLEET_DEAD_AFTER", "3s")).app().fleet();
        assertEquals(new FleetSettings("web-2", java.time.Duration.ofSeconds(3)), fleet);
        assertEquals("web-2", fleet.effectiveInstanceId());
        FleetSettings defaults = ReelayConfig.load(Optional.empty(), Map.of()).app().fleet();
        assertEquals(java.time.Duration.ofSeconds(15), defaults.deadAfter());
        assertTrue(defaults.effectiveInstanceId().contains("@"), "host and pid: " + defaults.effectiveInstanceId());
        ConfigException e = assertThrows(ConfigException.class, () -> ReelayConfig.load(Optional.empty(),
                Map.of("REELAY_FLEET_DEAD_AFTER", "100ms")));
        assertTrue(e.problems().get(0).contains("fleet.dead-after must be at least 300ms"), e.problems().toString());
    }

    @Test
    void aUrlThatIsNotPostgresIsRefusedClearly() {
        ConfigException e = assertThrows(ConfigException.class, () -> ReelayConfig.load(Optional.empty(),
                Map.of("REELAY_DATABASE_URL", "postgres://db/reelay")));
        assertEquals(List.of("reelay: database.url must look like jdbc:postgresql://host:5432/reelay, got \"postgres://db/reelay\""),
                e.problems());
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutRepeatingIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> ReelayConfig.load(Optional.empty(),
                Map.of("REELAY_DATABASE_URL", "jdbc:postgresql://db/reelay?user=r&password=" + PASSWORD)));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).contains("REELAY_DATABASE_PASSWORD"), e.problems().toString());
        assertFalse(e.report().contains(PASSWORD), e.report());
    }

    @Test
    void printedSettingsHideThePassword() throws Exception {
        ReelayConfig config = ReelayConfig.load(Optional.empty(), Map.of(
                "REELAY_DATABASE_URL", "jdbc:postgresql://db/reelay", "REELAY_DATABASE_PASSWORD", PASSWORD));
        String printed = config.describe();
        assertFalse(printed.contains(PASSWORD), printed);
        assertTrue(printed.contains("url: jdbc:postgresql://db/reelay"), printed);
    }
}
