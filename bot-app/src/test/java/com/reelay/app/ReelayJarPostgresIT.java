package com.reelay.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.simulator.NemoSimulator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar with REELAY_DATABASE_URL: its state goes to PostgreSQL (embedded, on 127.0.0.1), not to reelay.db. */
class ReelayJarPostgresIT {

    private static final Path JAR = Path.of(System.getProperty("reelay.jar", "target/reelay.jar"));
    private static final String PASSWORD = "not-" + "checked-" + "by-trust-auth"; // made up; the test server trusts 127.0.0.1
    private static EmbeddedPostgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    private Process start(Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JAR.toString())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        for (String inherited : List.of("TELEGRAM_BOT_TOKEN", "DISCORD_BOT_TOKEN", "NEMO_TOKEN", "REELAY_CONFIG",
                "REELAY_DATABASE_URL", "REELAY_DATABASE_USER", "REELAY_DATABASE_PASSWORD")) {
            builder.environment().remove(inherited);
        }
        builder.environment().putAll(env);
        return builder.start();
    }

    @Test
    void itsStateGoesToPostgresql() throws Exception {
        Path password = Files.writeString(dir.resolve("db-password"), PASSWORD);
        Path data = dir.resolve("data");
        try (NemoSimulator nemo = NemoSimulator.builder().noTextProbability(0).start()) {
            Process reelay = start(Map.of(
                    "REELAY_DATA_DIR", data.toString(),
                    "REELAY_HTTP_PORT", "0",
                    "NEMO_API_BASE", nemo.baseUrl(),
                    "REELAY_DATABASE_URL", postgres.getJdbcUrl("postgres", "postgres"),
                    "REELAY_DATABASE_USER", "postgres",
                    "REELAY_DATABASE_PASSWORD_FILE", password.toString()));
            // One prompt, then the end of input: the console stops, letting the running request finish first.
            try (OutputStream keyboard = reelay.getOutputStream()) {
                keyboard.write("what can you do?\n".getBytes(StandardCharsets.UTF_8));
            }
            boolean exited = reelay.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                reelay.destroyForcibly();
            }
            String stderr = Files.readString(dir.resolve("stderr.txt"));
            assertTrue(exited, "still running: " + stderr);
            assertEquals(0, reelay.exitValue(), stderr);
            assertTrue(stderr.isEmpty(), stderr);
            assertEquals(1, nemo.sessions().size(), "the prompt reached NemoVideo");
        }
        assertEquals(1, count("SELECT count(*) FROM flyway_schema_history WHERE version = '1' AND success"));
        assertEquals(1, count("SELECT count(*) FROM chats WHERE session_id <> ''"), "the console chat's session is kept");
        assertEquals(1, count("SELECT count(*) FROM identities"), "its anonymous identity is kept");
        assertFalse(Files.exists(data.resolve("reelay.db")), "nothing went to the embedded store");
        assertFalse(Files.readString(data.resolve("reelay.log")).contains(PASSWORD), "the password is never logged");
    }

    @Test
    void anUnreachableDatabaseIsOneClearLineAndExitOne() throws Exception {
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        try (NemoSimulator nemo = NemoSimulator.builder().start()) {
            Process reelay = start(Map.of(
                    "REELAY_DATA_DIR", dir.resolve("data").toString(),
                    "REELAY_HTTP_PORT", "0",
                    "NEMO_API_BASE", nemo.baseUrl(),
                    "REELAY_DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/reelay",
                    "REELAY_DATABASE_PASSWORD", PASSWORD));
            reelay.getOutputStream().close();
            assertTrue(reelay.waitFor(60, TimeUnit.SECONDS));
            String stderr = Files.readString(dir.resolve("stderr.txt"));
            assertEquals(1, reelay.exitValue(), stderr);
            assertTrue(stderr.startsWith("Reelay can't open its store: cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:"
                    + closed + "/reelay"), stderr);
            assertEquals(1, stderr.strip().lines().count(), "one line: " + stderr);
            assertFalse(stderr.contains(PASSWORD), stderr);
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
