package com.reelay.postgres.fleet;

import com.reelay.testkit.MutableClock;
import com.reelay.postgres.DatabaseSettings;
import com.reelay.postgres.PostgresStore;
import com.reelay.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A fresh database and a fake clock shared by the instances of one test; each {@link Member}
 * is one instance's view of the fleet (its id, membership, leases, inbox).
 */
final class FleetRig implements AutoCloseable {

    static final Duration DEAD_AFTER = Membership.DEFAULT_DEAD_AFTER;

    final MutableClock clock = new MutableClock();
    private final DatabaseSettings settings = TestPostgres.freshDatabase();
    final PostgresStore store = PostgresStore.open(settings);

    /** The rig's database, for a second instance's own pool. */
    DatabaseSettings settings() {
        return settings;
    }

    DataSource database() {
        return store.dataSource();
    }

    Member join(String instanceId) {
        Member m = new Member(instanceId, new Membership(database(), instanceId, DEAD_AFTER, clock));
        m.membership.register();
        return m;
    }

    final class Member {
        final String id;
        final Membership membership;
        final ChatLeases leases;
        final Inbox inbox;

        Member(String id, Membership membership) {
            this.id = id;
            this.membership = membership;
            this.leases = new ChatLeases(database(), membership, clock);
            this.inbox = new Inbox(database(), membership, clock);
        }
    }

    /** Waits until {@code n} sessions of this database wait on a row lock: the race is set up. */
    void awaitLockWaiters(int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (lockWaiters() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + lockWaiters() + " of " + n + " sessions reached the lock");
            }
            Thread.onSpinWait();
        }
    }

    private int lockWaiters() throws Exception {
        try (Connection c = database().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                     + " AND datname = current_database()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
