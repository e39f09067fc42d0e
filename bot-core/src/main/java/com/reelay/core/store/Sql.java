package com.reelay.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Statements on a store's database, each committed when it returns (or several in one
 * transaction), with failures as {@link StoreException}. Where a connection comes from is the
 * backend's business: SQLite's one shared connection, or a pool.
 */
public final class Sql {

    /** One unit of work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    /** Reads one row into a value. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Lends a connection, in auto-commit mode, to one unit of work at a time. */
    public interface Connections {
        <T> T lend(Work<T> work) throws SQLException;
    }

    private final Connections connections;

    public Sql(Connections connections) {
        this.connections = connections;
    }

    /** Statements on a pool: each unit of work borrows a connection and gives it back. */
    public static Sql pooled(DataSource pool) {
        return new Sql(new Connections() {
            @Override
            public <T> T lend(Work<T> work) throws SQLException {
                try (Connection c = pool.getConnection()) {
                    return work.on(c);
                }
            }
        });
    }

    public <T> Optional<T> queryOne(String sql, Row<T> row, Object... args) {
        List<T> all = queryAll(sql, row, args);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    public <T> List<T> queryAll(String sql, Row<T> row, Object... args) {
        try {
            return connections.lend(c -> queryAll(c, sql, row, args));
        } catch (SQLException e) {
            throw new StoreException("store read failed", e);
        }
    }

    public int update(String sql, Object... args) {
        try {
            return connections.lend(c -> update(c, sql, args));
        } catch (SQLException e) {
            throw new StoreException("store write failed", e);
        }
    }

    /** Runs {@code work} in one transaction: all of it is committed, or none. */
    public <T> T inTransaction(Work<T> work) {
        try {
            return connections.lend(c -> {
                c.setAutoCommit(false);
                try {
                    T result = work.on(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            });
        } catch (SQLException e) {
            throw new StoreException("store transaction failed", e);
        }
    }

    /** A query inside a unit of work (e.g. a transaction). */
    public static <T> List<T> queryAll(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.read(rs));
                }
                return out;
            }
        }
    }

    /** An update inside a unit of work (e.g. a transaction); returns the rows it changed. */
    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }
}
