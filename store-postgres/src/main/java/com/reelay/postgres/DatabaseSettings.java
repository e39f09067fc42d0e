package com.reelay.postgres;

import java.util.Locale;

/**
 * Where Reelay keeps its state when it is not the embedded SQLite file: a PostgreSQL server
 * ({@code REELAY_DATABASE_URL}, {@code _USER}, {@code _PASSWORD}, each also as {@code _FILE}).
 * An empty url keeps the embedded store.
 *
 * @param url      {@code jdbc:postgresql://host[:port]/database}; empty: SQLite in the data directory
 * @param user     the role Reelay logs in as (may also be given in the url)
 * @param password that role's password; never in the url, so it never shows in a log or a message
 * @param poolSize connections each instance keeps open at most
 */
public record DatabaseSettings(String url, String user, String password, int poolSize) {

    private static final String SCHEME = "jdbc:postgresql://";

    public DatabaseSettings {
        url = url == null ? "" : url.strip();
        user = user == null ? "" : user.strip();
        password = password == null ? "" : password;
        StringBuilder problems = new StringBuilder();
        if (url.toLowerCase(Locale.ROOT).contains("password=")) {
            // Not echoed: the url carries a secret.
            problems.append("database.url must not carry the password: give it in REELAY_DATABASE_PASSWORD"
                    + " (or REELAY_DATABASE_PASSWORD_FILE); ");
        } else if (!url.isEmpty() && (!url.startsWith(SCHEME) || url.length() == SCHEME.length())) {
            problems.append("database.url must look like jdbc:postgresql://host:5432/reelay, got \"").append(url).append("\"; ");
        }
        if (poolSize < 1) {
            problems.append("database.pool-size must be at least 1, got ").append(poolSize).append("; ");
        }
        if (problems.length() > 0) {
            throw new IllegalArgumentException(problems.substring(0, problems.length() - 2));
        }
    }

    /** No server: the embedded store. */
    public static DatabaseSettings defaults() {
        return new DatabaseSettings("", "", "", 10);
    }

    /** Whether a PostgreSQL server is configured (else the embedded SQLite store is used). */
    public boolean isPostgres() {
        return !url.isEmpty();
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***")
                + ", poolSize=" + poolSize + "]";
    }
}
