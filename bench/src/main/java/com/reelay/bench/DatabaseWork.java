package com.reelay.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What PostgreSQL did for one database over a window, from its own counters, read on a connection
 * to the server's maintenance database (so the reading is not counted): {@code pg_stat_statements}
 * (calls and rows of every statement, counted as they end), the next transaction id (only
 * transactions that write take one), {@code pg_stat_database} (transactions, buffers),
 * {@code pg_stat_wal} (WAL flushes and bytes) and the CPU time of the server's processes. The
 * transaction id, WAL and CPU are the server's whole: one database is busy at a time here.
 *
 * <p>{@code pg_stat_database} and {@code pg_stat_wal} come through PostgreSQL 14's statistics
 * collector: a backend reports at most every half second, and an idle one keeps what it has not
 * reported until its next transaction, so over a window they are right only to within what the
 * pool's connections did in their last half second at either end.
 */
final class DatabaseWork {

    /** One reading. */
    record Snapshot(Map<String, Long> counters, Map<Long, Query> statements, long cpuNanos) {
    }

    /** One normalised statement and what it has done so far. */
    record Query(String query, long calls, long rows) {
    }

    /** Statements grouped by what they are for; the first pattern that finds a match names the part. */
    private static final List<Map.Entry<String, Pattern>> PARTS = List.of(
            Map.entry("fleet upkeep (heartbeat, expel, sweep)", Pattern.compile("^(UPDATE|SELECT instance_id FROM) fleet_instances"
                    + "|GROUP BY chat_key ORDER BY min|UNION SELECT chat_key|^DELETE FROM fleet_inbox")),
            Map.entry("inbox write + NOTIFY", Pattern.compile("INSERT INTO fleet_inbox|pg_notify")),
            Map.entry("inbox take", Pattern.compile("FROM fleet_inbox WHERE chat_key|SET taken_epoch")),
            Map.entry("inbox done", Pattern.compile("SET done_at")),
            Map.entry("lease fence", Pattern.compile("FOR SHARE")),
            Map.entry("lease take / look-up", Pattern.compile("chat_leases")),
            Map.entry("guard (advisory locks, prompt counts)", Pattern.compile("pg_advisory_xact_lock|prompts")),
            Map.entry("transaction control", Pattern.compile("^(BEGIN|COMMIT|ROLLBACK|SET|SHOW)", Pattern.CASE_INSENSITIVE)),
            Map.entry("engine state", Pattern.compile(".")));
    private static final Pattern WRITTEN_TABLE = Pattern.compile("^\\s*(?:INSERT INTO|UPDATE|DELETE FROM)\\s+(\\w+)",
            Pattern.CASE_INSENSITIVE);

    private final Connection maintenance;
    private final String database;
    private final Optional<ProcessHandle> postmaster;

    /** {@code maintenance}: a connection to another database of the same server, where pg_stat_statements is installed. */
    DatabaseWork(Connection maintenance, String database) throws SQLException {
        this.maintenance = maintenance;
        this.database = database;
        try (Statement st = maintenance.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            this.postmaster = ProcessHandle.of(rs.getLong(1)).flatMap(ProcessHandle::parent);
        }
    }

    Snapshot take() throws SQLException {
        Map<String, Long> counters = new LinkedHashMap<>();
        try (PreparedStatement st = maintenance.prepareStatement("SELECT xact_commit + xact_rollback, blks_hit + blks_read"
                + " FROM pg_stat_database WHERE datname = ?")) {
            st.setString(1, database);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                counters.put("transactions", rs.getLong(1));
                counters.put("buffers", rs.getLong(2));
            }
        }
        // The next transaction id: only transactions that write take one (the server's whole).
        try (Statement st = maintenance.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_snapshot_xmax(pg_current_snapshot()), wal_sync, wal_bytes FROM pg_stat_wal")) {
            rs.next();
            counters.put("write transactions", Long.parseLong(rs.getString(1)));
            counters.put("WAL flushes", rs.getLong(2));
            counters.put("WAL bytes", rs.getLong(3));
        }
        Map<Long, Query> statements = new HashMap<>();
        try (PreparedStatement st = maintenance.prepareStatement("SELECT queryid, query, calls, rows FROM pg_stat_statements s"
                + " JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = ?")) {
            st.setString(1, database);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    statements.put(rs.getLong(1), new Query(rs.getString(2), rs.getLong(3), rs.getLong(4)));
                }
            }
        }
        return new Snapshot(counters, statements, serverCpuNanos());
    }

    /** CPU time of the server's processes alive now (postmaster and its children: backends, writers). */
    private long serverCpuNanos() {
        return postmaster.map(p -> cpu(p) + p.descendants().mapToLong(DatabaseWork::cpu).sum()).orElse(0L);
    }

    private static long cpu(ProcessHandle p) {
        return p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    /**
     * Counter deltas from {@code a} to {@code b}, divided by {@code per}, and the statements run and
     * rows they wrote (INSERT, UPDATE, DELETE), counted by pg_stat_statements.
     */
    static Map<String, Double> perUnit(Snapshot a, Snapshot b, double per) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("statements", b.statements().entrySet().stream().mapToLong(e -> calls(a, e)).sum() / per);
        b.counters().forEach((name, value) -> out.put(name, (value - a.counters().getOrDefault(name, 0L)) / per));
        out.put("rows written", rowsWrittenByTable(a, b, per).values().stream().mapToDouble(Double::doubleValue).sum());
        return out;
    }

    /** Statement calls from {@code a} to {@code b} by part (see {@link #PARTS}), divided by {@code per}. */
    static Map<String, Double> callsByPart(Snapshot a, Snapshot b, double per) {
        Map<String, Double> out = new LinkedHashMap<>();
        PARTS.forEach(part -> out.put(part.getKey(), 0.0));
        for (Map.Entry<Long, Query> e : b.statements().entrySet()) {
            long calls = e.getValue().calls() - Optional.ofNullable(a.statements().get(e.getKey())).map(Query::calls).orElse(0L);
            out.merge(part(e.getValue().query()), calls / per, Double::sum);
        }
        out.values().removeIf(v -> v == 0);
        return out;
    }

    /** Rows written from {@code a} to {@code b} by table, from the INSERT, UPDATE and DELETE statements, divided by {@code per}. */
    static Map<String, Double> rowsWrittenByTable(Snapshot a, Snapshot b, double per) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<Long, Query> e : b.statements().entrySet()) {
            Matcher table = WRITTEN_TABLE.matcher(e.getValue().query());
            if (table.find()) {
                long rows = e.getValue().rows() - Optional.ofNullable(a.statements().get(e.getKey())).map(Query::rows).orElse(0L);
                out.merge(table.group(1), rows / per, Double::sum);
            }
        }
        out.values().removeIf(v -> v == 0);
        return out;
    }

    /** Every statement that ran from {@code a} to {@code b}, most calls first: calls and rows per unit, part, text. */
    static List<String> statements(Snapshot a, Snapshot b, double per) {
        List<Map.Entry<Long, Query>> ran = new ArrayList<>(b.statements().entrySet());
        ran.removeIf(e -> calls(a, e) == 0);
        ran.sort((x, y) -> Long.compare(calls(a, y), calls(a, x)));
        List<String> lines = new ArrayList<>();
        for (Map.Entry<Long, Query> e : ran) {
            long rows = e.getValue().rows() - Optional.ofNullable(a.statements().get(e.getKey())).map(Query::rows).orElse(0L);
            lines.add(String.format("| %.3f | %.3f | %s | `%s` |", calls(a, e) / per, rows / per, part(e.getValue().query()),
                    e.getValue().query().replaceAll("\\s+", " ").replace("|", "\\|")));
        }
        return lines;
    }

    private static long calls(Snapshot a, Map.Entry<Long, Query> e) {
        return e.getValue().calls() - Optional.ofNullable(a.statements().get(e.getKey())).map(Query::calls).orElse(0L);
    }

    private static String part(String query) {
        return PARTS.stream().filter(p -> p.getValue().matcher(query.strip()).find()).map(Map.Entry::getKey).findFirst()
                .orElse("other");
    }
}
