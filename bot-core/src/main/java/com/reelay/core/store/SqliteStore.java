package com.reelay.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded store: one SQLite file in the data directory. Write-ahead logging with full
 * synchronous commits means every write that returned survives {@code kill -9} and power loss.
 * One connection, used under its own lock: SQLite serialises writers anyway, and the
 * write rate of a chat bot is far below what one connection sustains.
 */
public final class SqliteStore extends SqlStore {

    private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);
    public static final String FILE_NAME = "reelay.db";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /** Where the schema scripts live (Flyway, {@code V<n>__<what>.sql}). */
    static final String SCHEMA = "db/sqlite";

    private final Connection connection;

    private SqliteStore(Connection connection, int schemaVersion) {
        super(new Sql(new Sql.Connections() {
            @Override
            public <T> T lend(Sql.Work<T> work) throws SQLException {
                synchronized (connection) {
                    return work.on(connection);
                }
            }
        }), schemaVersion);
        this.connection = connection;
    }

    /** Opens (creating if needed) the store in {@code dataDir} and migrates it to the latest schema. */
    public static SqliteStore open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + dataDir, e);
        }
        Path file = dataDir.resolve(FILE_NAME);
        ownerOnly(file);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            int version = Migrations.apply(dataSource, SCHEMA, handRolledVersion(dataSource));
            Connection connection = dataSource.getConnection();
            log.info("store opened path={} schema={}", file.toAbsolutePath(), version);
            return new SqliteStore(connection, version);
        } catch (SQLException e) {
            throw new StoreException("cannot open store " + file, e);
        }
    }

    /**
     * The store holds NemoVideo tokens: it is created readable by its owner only, and an older,
     * wider one is narrowed. SQLite gives its -wal and -shm files the database file's permissions.
     */
    private static void ownerOnly(Path file) {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            if (Files.notExists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Path part = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(part) && !Files.getPosixFilePermissions(part).equals(OWNER_ONLY)) {
                    Files.setPosixFilePermissions(part, OWNER_ONLY);
                    log.info("store file made readable by its owner only path={}", part.toAbsolutePath());
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot make the store " + file + " owner-only", e);
        }
    }

    /**
     * Reelays before Flyway kept their schema version in {@code PRAGMA user_version}; a store
     * they made has it above 0 and no Flyway history, and is adopted at that version.
     */
    private static int handRolledVersion(SQLiteDataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'flyway_schema_history'")) {
                if (rs.next() && rs.getInt(1) > 0) {
                    return 0;
                }
            }
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    @Override
    public void close() {
        try {
            synchronized (connection) {
                connection.close();
            }
        } catch (SQLException e) {
            log.warn("store close failed: {}", e.getMessage());
        }
    }
}
