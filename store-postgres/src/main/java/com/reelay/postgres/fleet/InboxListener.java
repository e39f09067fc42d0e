package com.reelay.postgres.fleet;

import com.reelay.core.chat.support.DaemonThreads;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes this instance when any instance offers a request to the {@link Inbox}: LISTEN on one
 * connection of its own, handing each chat key to {@code wake}. A lost connection is opened
 * again after {@code retry}; owners also look at the inbox when they start, so a wake-up missed
 * while reconnecting delays a request, never loses it.
 */
public final class InboxListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InboxListener.class);

    private final DataSource database;
    private final Consumer<String> wake;
    private final Duration retry;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    public InboxListener(DataSource database, Consumer<String> wake, Duration retry) {
        this.database = database;
        this.wake = wake;
        this.retry = retry;
        this.thread = DaemonThreads.named("reelay-inbox-listener").newThread(this::listen);
    }

    /** Starts listening; returns once LISTEN is in place, so no later offer is missed. */
    public InboxListener start() throws SQLException {
        connection = subscribe();
        thread.start();
        return this;
    }

    private Connection subscribe() throws SQLException {
        Connection c = database.getConnection();
        try (Statement st = c.createStatement()) {
            st.execute("LISTEN " + Inbox.CHANNEL);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void listen() {
        while (running) {
            try {
                if (connection == null) {
                    connection = subscribe();
                    log.info("inbox listener reconnected");
                }
                PGNotification[] notes = connection.unwrap(PGConnection.class).getNotifications(500);
                if (notes != null) {
                    for (PGNotification note : notes) {
                        wake.accept(note.getParameter());
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                log.warn("inbox listener lost its connection, retrying in {}: {}", retry, e.getMessage());
                closeQuietly();
                try {
                    Thread.sleep(retry.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (RuntimeException e) {
                log.error("inbox wake-up failed", e);
            }
        }
    }

    private void closeQuietly() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // Already broken.
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly();
    }
}
