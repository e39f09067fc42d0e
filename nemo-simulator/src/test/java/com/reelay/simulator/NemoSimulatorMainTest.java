package com.reelay.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NemoSimulatorMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpPrintsUsageAndStartsNothing() {
        assertNull(NemoSimulatorMain.start(new String[] {"--help"}, print(out), print(err)));
        assertTrue(text(out).startsWith("Usage: java -jar nemo-simulator.jar"));
        assertTrue(text(out).contains("--port"));
    }

    @Test
    void printsOneLineWithTheBaseUrlAndRegistersUsers() {
        try (NemoSimulator sim = NemoSimulatorMain.start(
                new String[] {"--port", "0", "--seed", "5", "--time-scale", "0.01", "--sse-shape", "typed", "--user", "tok:77"},
                print(out), print(err))) {
            assertEquals("NemoVideo simulator listening on " + sim.baseUrl() + System.lineSeparator(), text(out));
            assertTrue(sim.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+"));
            assertEquals(77, Api.of(sim, "tok").credits().data().path("available").asLong());
            assertTrue(text(err).contains("GET /api/credits/balance/simple [CREDITS] auth=tok****"), text(err));
        }
    }

    @Test
    void quietLogsNothing() {
        try (NemoSimulator sim = NemoSimulatorMain.start(new String[] {"--port", "0", "--quiet"}, print(out), print(err))) {
            Api.anonymousToken(sim.baseUrl(), "c", null);
        }
        assertEquals("", text(err));
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NemoSimulatorMain.start(new String[] {"--bogus"}, print(out), print(err)));
        assertThrows(IllegalArgumentException.class, () -> NemoSimulatorMain.start(new String[] {"--port"}, print(out), print(err)));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
