package com.reelay.app.settings;

import com.reelay.postgres.DatabaseSettings;
import com.reelay.postgres.fleet.FleetSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The process itself.
 *
 * @param dataDir       where the embedded store and (in console mode) the log live
 * @param httpPort      management port for /healthz, /readyz, /metrics; 0 turns it off
 * @param logFormat     {@code text} or {@code json}
 * @param logLevel      root log level (INFO, DEBUG, …)
 * @param shutdownGrace how long requests in flight may finish after SIGTERM
 * @param readyWindow   /readyz calls Telegram ready only if it heard from it (a poll, a webhook
 *                      call) this recently; long polling answers at least every 50 s
 * @param database      a PostgreSQL server for the state ({@code REELAY_DATABASE_URL}, …); none: SQLite in dataDir
 * @param fleet         this instance's place among the instances sharing that server
 */
public record AppSettings(String dataDir, int httpPort, String logFormat, String logLevel, Duration shutdownGrace,
                          Duration readyWindow, DatabaseSettings database, FleetSettings fleet) {

    public AppSettings {
        StringBuilder problems = new StringBuilder();
        if (dataDir == null || dataDir.isBlank()) {
            problems.append("data-dir must not be empty; ");
        }
        if (httpPort < 0 || httpPort > 65535) {
            problems.append("http-port must be within 0..65535 (0 turns it off), got ").append(httpPort).append("; ");
        }
        logFormat = logFormat == null ? "text" : logFormat.strip().toLowerCase(Locale.ROOT);
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            problems.append("log-format must be text or json, got ").append(logFormat).append("; ");
        }
        logLevel = logLevel == null ? "INFO" : logLevel.strip().toUpperCase(Locale.ROOT);
        if (!logLevel.matches("TRACE|DEBUG|INFO|WARN|ERROR|OFF")) {
            problems.append("log-level must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, got ").append(logLevel).append("; ");
        }
        if (shutdownGrace == null || shutdownGrace.isNegative()) {
            problems.append("shutdown-grace must not be negative; ");
        }
        if (readyWindow == null || readyWindow.isNegative() || readyWindow.isZero()) {
            problems.append("ready-window must be positive; ");
        }
        if (database == null) {
            database = DatabaseSettings.defaults();
        }
        if (fleet == null) {
            fleet = FleetSettings.defaults();
        }
        if (problems.length() > 0) {
            throw new IllegalArgumentException(problems.substring(0, problems.length() - 2));
        }
    }

    public static AppSettings defaults() {
        return new AppSettings("data", 8080, "text", "INFO", Duration.ofSeconds(20), Duration.ofMinutes(2),
                DatabaseSettings.defaults(), FleetSettings.defaults());
    }

    public Path dataPath() {
        return Path.of(dataDir);
    }
}
