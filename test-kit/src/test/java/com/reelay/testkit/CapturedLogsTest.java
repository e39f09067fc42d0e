package com.reelay.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class CapturedLogsTest {

    private final Logger log = LoggerFactory.getLogger("kit.test");

    @Test
    void findsTextInMessagesAndAnywhereInTheExceptionChain() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            log.info("calling {}", "https://example.invalid/bot-one");
            log.warn("failed", new IllegalStateException("outer", new IOException("inner two")));
            assertEquals(2, logs.size());
            assertEquals(List.of("kit.test: calling https://example.invalid/bot-one"), logs.linesContaining("bot-one"));
            assertEquals(1, logs.linesContaining("inner two").size(), "a cause's message");
            assertEquals(1, logs.linesContaining("CapturedLogsTest.java").size(), "the stack frames");
            assertEquals(List.of(), logs.linesContaining("never said"));
        }
    }

    @Test
    void aLevelGivenIsUsedWhileCapturingAndRestoredAfter() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        try (CapturedLogs logs = CapturedLogs.start(Level.TRACE)) {
            log.trace("fine detail");
            assertEquals(1, logs.linesContaining("fine detail").size());
        }
        assertEquals(before, root.getLevel());
    }

    @Test
    void nothingIsCapturedAfterClose() {
        CapturedLogs logs = CapturedLogs.start();
        logs.close();
        log.error("after close");
        assertTrue(logs.linesContaining("after close").isEmpty());
    }
}
