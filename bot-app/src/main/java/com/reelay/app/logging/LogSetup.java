package com.reelay.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.reelay.core.chat.support.SecretMask;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Configures logging from the settings: plain lines or JSON, always through the secret mask; to
 * stdout for a service, to a file when the console chat owns the terminal.
 */
public final class LogSetup {

    static final String PATTERN = "%d{ISO8601} %-5level [%thread] %logger{24} - %msg%n";

    private static final SecretMask MASK = new SecretMask();

    private LogSetup() {
    }

    /**
     * The mask every log line goes through, whatever the format: token shapes from the start,
     * and the configured secrets once the launcher registers them.
     */
    public static SecretMask mask() {
        return MASK;
    }

    /** {@code logFile} null: stdout. */
    public static void configure(String format, String level, Path logFile) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        RedactingEncoder encoder = new RedactingEncoder();
        encoder.setContext(context);
        encoder.setDelegate(delegate(context, format));
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender;
        if (logFile == null) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            appender = console;
        } else {
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setFile(logFile.toAbsolutePath().toString());
            appender = file;
        }
        appender.setContext(context);
        appender.setName("main");
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level, Level.INFO));
        root.addAppender(appender);
        // Libraries' chatter stays out unless asked for.
        context.getLogger("okhttp3").setLevel(Level.WARN);
        context.getLogger("net.dv8tion").setLevel(Level.INFO);
    }

    static Encoder<ILoggingEvent> delegate(LoggerContext context, String format) {
        if ("json".equals(format)) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            json.setWithFormattedMessage(true); // the line as people read it, besides the template
            json.setWithArguments(false);
            return json;
        }
        PatternLayoutEncoder pattern = new PatternLayoutEncoder();
        pattern.setContext(context);
        pattern.setPattern(PATTERN);
        return pattern;
    }
}
