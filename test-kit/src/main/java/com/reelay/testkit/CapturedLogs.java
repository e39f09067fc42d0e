package com.reelay.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log event of the process while open (on logback's root logger), for tests that prove
 * what never appears in a log: each line is the logger, the formatted message and the whole
 * exception chain with its messages and stack frames.
 */
public final class CapturedLogs implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level levelBefore;

    private CapturedLogs(Level level) {
        levelBefore = root.getLevel();
        if (level != null) {
            root.setLevel(level);
        }
        appender.start();
        root.addAppender(appender);
    }

    /** Captures at the configured levels. */
    public static CapturedLogs start() {
        return new CapturedLogs(null);
    }

    /** Captures from {@code level} up (e.g. TRACE: every line any configuration could show); restored on close. */
    public static CapturedLogs start(Level level) {
        return new CapturedLogs(level);
    }

    /** Every line so far. */
    public List<String> lines() {
        List<ILoggingEvent> events;
        synchronized (appender) { // the appender adds under its own lock
            events = List.copyOf(appender.list);
        }
        List<String> lines = new ArrayList<>(events.size());
        for (ILoggingEvent event : events) {
            lines.add(event.getLoggerName() + ": " + event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy())));
        }
        return lines;
    }

    /** The lines that contain {@code text} anywhere, exception chains included. */
    public List<String> linesContaining(String text) {
        return lines().stream().filter(line -> line.contains(text)).toList();
    }

    public int size() {
        synchronized (appender) {
            return appender.list.size();
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        root.setLevel(levelBefore);
    }
}
