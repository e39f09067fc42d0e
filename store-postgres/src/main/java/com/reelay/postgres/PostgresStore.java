package com.reelay.postgres;

import com.reelay.core.guard.PromptLog;
import com.reelay.core.store.Migrations;
import com.reelay.core.store.Sql;
import com.reelay.core.store.SqlStore;
import com.reelay.core.store.StoreException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store in PostgreSQL, shared by every instance of a fleet: a pool of connections (HikariCP),
 * each method one auto-committed statement, the schema migrated by Flyway at open (Flyway locks
 * the database while it migrates, so instances starting together migrate once).
 */
public final class PostgresStore extends SqlStore {

    private static final Logger log = LoggerFactory.getLogger(PostgresStore.class);
    /** Where the schema scripts live (Flyway, {@code V<n>__<what>.sql}). */
    static final String SCHEMA = "db/postgres";

    private final HikariDataSource pool;
    private final Sql locks;
    private final DatabaseSettings settings;
    private HikariDataSource fleetPool;

    private PostgresStore(HikariDataSource pool, int schemaVersion, DatabaseSettings settings) {
        super(Sql.pooled(pool), schemaVersion);
        this.pool = pool;
        this.settings = settings;
        this.locks = Sql.pooled(pool);
    }

    /** Connects, migrates the schema to the latest version, and returns the store; fails fast if the server cannot be reached. */
    public static PostgresStore open(DatabaseSettings settings) {
        if (!settings.isPostgres()) {
            throw new IllegalArgumentException("no PostgreSQL url configured");
        }
        HikariDataSource pool = pool(settings, "reelay-db", settings.poolSize());
        try {
            int version = Migrations.apply(pool, SCHEMA, 0);
            log.info("store opened url={} schema={}", settings.url(), version);
            return new PostgresStore(pool, version, settings);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource pool(DatabaseSettings settings, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(settings.url());
        if (!settings.user().isEmpty()) {
            config.setUsername(settings.user());
        }
        if (!settings.password().isEmpty()) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        config.addDataSourceProperty("ApplicationName", "reelay");
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StoreException("cannot connect to PostgreSQL at " + settings.url() + ": " + cause.getMessage(), e);
        }
    }

    /**
     * Two connections of the fleet's own, beside the pool: heartbeats and the inbox's LISTEN never
     * wait behind a burst of work for a connection (a late heartbeat gets a live instance expelled).
     */
    public synchronized DataSource fleetConnections() {
        if (fleetPool == null) {
            fleetPool = pool(settings, "reelay-fleet", 2);
        }
        return fleetPool;
    }

    /**
     * Guard quotas hold fleet-wide: instances checking the same allowance take turns, each under
     * transaction-level advisory locks on the allowance keys (taken in one order, so two checks
     * never deadlock), released when the check has recorded or refused.
     */
    @Override
    public <T> T exclusively(List<String> keys, Function<PromptLog, T> check) {
        // One connection for the locks and the counting: a check never waits for a second
        // connection while holding locks, so a small pool cannot deadlock.
        return locks.inTransaction(c -> {
            for (String key : keys.stream().sorted().distinct().toList()) {
                Sql.queryAll(c, "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", rs -> 1, "reelay-guard:" + key);
            }
            return check.apply(promptLogOn(c));
        });
    }

    /** The pool, for the fleet's own tables (membership, inbox, leases) in the same database. */
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public synchronized void close() {
        if (fleetPool != null) {
            fleetPool.close();
        }
        pool.close();
    }
}
