package com.reelay.postgres.fleet;

import com.reelay.core.store.Sql;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet's one clock: the database server's, read through this host's clock plus the offset
 * last measured (once a {@code resyncEvery}). Heartbeats are written and judged by it, so hosts
 * whose clocks disagree by more than dead-after cannot declare each other dead, nor keep a dead
 * one alive.
 */
public final class DatabaseClock extends Clock {

    private static final Logger log = LoggerFactory.getLogger(DatabaseClock.class);

    private final Sql sql;
    private final Clock local;
    private final long resyncNanos;
    private volatile long offsetMillis;
    private volatile long syncedAt;
    private volatile boolean synced;

    public DatabaseClock(DataSource database, Clock local, Duration resyncEvery) {
        this.sql = Sql.pooled(database);
        this.local = local;
        this.resyncNanos = resyncEvery.toNanos();
    }

    @Override
    public long millis() {
        if (!synced || System.nanoTime() - syncedAt > resyncNanos) {
            resync();
        }
        return local.millis() + offsetMillis;
    }

    /** Measures the database's clock against this host's, halving the round trip; keeps the old offset if it fails. */
    private void resync() {
        try {
            long before = local.millis();
            long db = sql.queryOne("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint", rs -> rs.getLong(1))
                    .orElseThrow();
            long after = local.millis();
            long offset = db - (before + after) / 2;
            if (synced && Math.abs(offset - offsetMillis) > 1_000) {
                log.warn("this host's clock moved {} ms against the database's", offset - offsetMillis);
            }
            offsetMillis = offset;
            synced = true;
        } catch (RuntimeException e) {
            log.warn("database clock not read, keeping the last offset ({} ms): {}", offsetMillis, e.toString());
        }
        syncedAt = System.nanoTime();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the fleet's clock is UTC");
    }
}
