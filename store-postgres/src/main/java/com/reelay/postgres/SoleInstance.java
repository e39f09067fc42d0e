package com.reelay.postgres;

import com.reelay.core.store.StoreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Until the engine runs chats through the fleet's leases and inbox, two instances on one
 * database would both resume the same waiting requests and exports. This holds a PostgreSQL
 * advisory lock for the life of the process, on a connection of its own (outside the pool, so
 * it never starves it): a second instance cannot take it and stops.
 */
public final class SoleInstance implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SoleInstance.class);
    /** The advisory lock's key: "reelay" in ASCII, so it does not collide with another application's. */
    static final long LOCK_KEY = 0x7265656c6179L;

    private final Connection connection;

    private SoleInstance(Connection connection) {
        this.connection = connection;
    }

    /**
     * Takes the database for this process.
     *
     * @throws InUse          another instance has it (the message names the database)
     * @throws StoreException the server cannot be reached
     */
    public static SoleInstance take(DatabaseSettings settings) {
        Properties login = new Properties();
        if (!settings.user().isEmpty()) {
            login.setProperty("user", settings.user());
        }
        if (!settings.password().isEmpty()) {
            login.setProperty("password", settings.password());
        }
        login.setProperty("ApplicationName", "reelay-sole-instance");
        Connection c = null;
        try {
            c = DriverManager.getConnection(settings.url(), login);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
                if (rs.next() && rs.getBoolean(1)) {
                    log.info("database taken for this instance url={}", settings.url());
                    return new SoleInstance(c);
                }
            }
            c.close();
            throw new InUse("another Reelay instance is using the database " + settings.url()
                    + " (one instance per database until the engine runs as a fleet)");
        } catch (SQLException e) {
            closeQuietly(c);
            throw new StoreException("cannot connect to PostgreSQL at " + settings.url() + ": " + e.getMessage(), e);
        }
    }

    /** Another instance holds the database. */
    public static final class InUse extends RuntimeException {
        InUse(String message) {
            super(message, null, false, false);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Closing after a failure: nothing more to report.
            }
        }
    }

    /** Gives the database back (closing the session releases the lock). */
    @Override
    public void close() {
        closeQuietly(connection);
    }
}
