package com.reelay.postgres;

import com.reelay.core.store.Migrations;
import com.reelay.core.store.Sql;
import com.reelay.core.store.SqlStore;
import com.reelay.core.store.StoreException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.time.Duration;
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

    private PostgresStore(HikariDataSource pool, int schemaVersion) {
        super(Sql.pooled(pool), schemaVersion);
        this.pool = pool;
    }

    /** Connects, migrates the schema to the latest version, and returns the store; fails fast if the server cannot be reached. */
    public static PostgresStore open(DatabaseSettings settings) {
        if (!settings.isPostgres()) {
            throw new IllegalArgumentException("no PostgreSQL url configured");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("reelay-db");
        config.setJdbcUrl(settings.url());
        if (!settings.user().isEmpty()) {
            config.setUsername(settings.user());
        }
        if (!settings.password().isEmpty()) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        config.addDataSourceProperty("ApplicationName", "reelay");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StoreException("cannot connect to PostgreSQL at " + settings.url() + ": " + cause.getMessage(), e);
        }
        try {
            int version = Migrations.apply(pool, SCHEMA, 0);
            log.info("store opened url={} schema={}", settings.url(), version);
            return new PostgresStore(pool, version);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** The pool, for the fleet's own tables (membership, inbox, leases) in the same database. */
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
