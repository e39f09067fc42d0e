package com.reelay.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer process acknowledges each queued request on stdout after the store returned; we kill
 * it with SIGKILL mid-stream and check every acknowledged request is still there.
 */
class StoreCrashTest {

    @TempDir
    Path dir;

    @Test
    void killMinusNineLosesNothingAcknowledged() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StoreCrashTest.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Set<String> acknowledged = new HashSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < 200 && (line = out.readLine()) != null) {
                if (line.matches("ack r\\d+")) { // anything else on stdout is a log line
                    acknowledged.add(line.substring(4));
                }
            }
            writer.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no close()
            writer.waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals(200, acknowledged.size());
        try (SqliteStore store = SqliteStore.open(dir)) {
            Set<String> kept = new HashSet<>();
            store.queued().forEach(q -> kept.add(q.requestId()));
            acknowledged.removeAll(kept);
            assertEquals(Set.of(), acknowledged, "acknowledged writes lost");
        }
    }

    /** The writer: queues requests forever, printing each id once the store returned. */
    public static void main(String[] args) {
        SqliteStore store = SqliteStore.open(Path.of(args[0]));
        for (int i = 0; ; i++) {
            store.enqueue(new QueuedRequest(0, "c:1", "u", "", "", "r" + i, "chat", "prompt " + i, Instant.now()));
            System.out.println("ack r" + i);
            System.out.flush();
        }
    }
}
