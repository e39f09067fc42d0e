package com.reelay.telegram;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * How long a connection may take to deliver a request's headers: counted from when it opens, and
 * again from when each response is done. Jetty's idle timeout starts over with every byte, so a
 * sender trickling its headers a byte at a time (slowloris) would otherwise hold a connection for
 * ever. Jetty has no header timeout of its own.
 */
final class HeaderDeadline implements Connection.Listener {

    private final Scheduler scheduler;
    private final Duration timeout;
    private final Map<Connection, Scheduler.Task> armed = new ConcurrentHashMap<>();

    HeaderDeadline(Scheduler scheduler, Duration timeout) {
        this.scheduler = scheduler;
        this.timeout = timeout;
    }

    @Override
    public void onOpened(Connection connection) {
        arm(connection);
    }

    @Override
    public void onClosed(Connection connection) {
        disarm(connection);
    }

    /** The headers of the connection's next request must arrive within the timeout, or it is closed. */
    void arm(Connection connection) {
        if (!connection.getEndPoint().isOpen()) {
            return;
        }
        Scheduler.Task task = scheduler.schedule(() -> connection.getEndPoint().close(), timeout);
        Scheduler.Task previous = armed.put(connection, task);
        if (previous != null) {
            previous.cancel();
        }
    }

    /** A request's headers arrived: the connection is being served. */
    void disarm(Connection connection) {
        Scheduler.Task task = armed.remove(connection);
        if (task != null) {
            task.cancel();
        }
    }
}
