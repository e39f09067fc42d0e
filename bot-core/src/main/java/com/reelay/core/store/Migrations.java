package com.reelay.core.store;

import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a store's schema to the latest version with Flyway: one {@code V<n>__<what>.sql} per
 * version under a backend's folder ({@code db/sqlite}, {@code db/postgres}), applied in order and
 * never edited once released (Flyway refuses a changed checksum). A schema newer than this
 * Reelay knows is refused rather than touched.
 */
public final class Migrations {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    /**
     * Migrates the database behind {@code dataSource} with the scripts in {@code location} and
     * returns the schema version it is at. {@code adoptedVersion} above 0 says the database
     * already holds that version of the schema without Flyway's history (the hand-rolled
     * migrations of earlier Reelays): Flyway records it as its baseline and applies what follows.
     */
    public static int apply(DataSource dataSource, String location, int adoptedVersion) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:" + location)
                .baselineOnMigrate(adoptedVersion > 0)
                .baselineVersion(String.valueOf(Math.max(adoptedVersion, 1)))
                .baselineDescription("adopted from PRAGMA user_version " + adoptedVersion)
                .load();
        try {
            MigrationInfoService info = flyway.info();
            int latest = latest(info);
            if (adoptedVersion > latest) {
                throw new StoreException("store schema " + adoptedVersion + " is newer than this Reelay ("
                        + latest + "): refusing to touch it", null);
            }
            if (Arrays.stream(info.all()).anyMatch(m -> m.getState() == MigrationState.FUTURE_SUCCESS
                    || m.getState() == MigrationState.FUTURE_FAILED)) {
                throw new StoreException("store schema " + version(info.current()) + " is newer than this Reelay ("
                        + latest + "): refusing to touch it", null);
            }
            int applied = flyway.migrate().migrationsExecuted;
            int version = version(flyway.info().current());
            if (applied > 0) {
                log.info("store migrated to schema {} ({} step(s))", version, applied);
            }
            return version;
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate the store schema: " + e.getMessage(), e);
        }
    }

    /** The newest version among the scripts this Reelay carries. */
    private static int latest(MigrationInfoService info) {
        return Arrays.stream(info.all())
                .filter(m -> m.getState().isResolved() && m.getVersion() != null)
                .mapToInt(Migrations::version)
                .max().orElse(0);
    }

    private static int version(MigrationInfo m) {
        return m == null || m.getVersion() == null ? 0 : Integer.parseInt(m.getVersion().getVersion());
    }
}
