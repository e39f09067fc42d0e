package com.reelay.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The table every scenario adds rows to, printed at the end (plain text and Markdown). */
final class Results {

    /** @param pass null for information without a target */
    record Row(String scenario, String metric, String value, String target, Boolean pass) {
        String verdict() {
            return pass == null ? "—" : pass ? "pass" : "MISS";
        }
    }

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(String scenario, String metric, String value, String target, Boolean pass) {
        rows.add(new Row(scenario, metric, value, target, pass));
        System.out.printf("  %-22s %-52s %s%n", scenario, metric, value);
        System.out.flush();
    }

    synchronized void info(String scenario, String metric, String value) {
        add(scenario, metric, value, "—", null);
    }

    synchronized String text() {
        String[] head = {"scenario", "metric", "value", "target", "result"};
        int[] width = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            width[i] = head[i].length();
        }
        for (Row r : rows) {
            String[] cells = cells(r);
            for (int i = 0; i < cells.length; i++) {
                width[i] = Math.max(width[i], cells[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, head, width);
        String[] rule = new String[head.length];
        for (int i = 0; i < head.length; i++) {
            char[] dashes = new char[width[i]];
            Arrays.fill(dashes, '-');
            rule[i] = new String(dashes);
        }
        line(out, rule, width);
        for (Row r : rows) {
            line(out, cells(r), width);
        }
        return out.toString();
    }

    synchronized String markdown() {
        StringBuilder out = new StringBuilder("| scenario | metric | value | target | result |\n|---|---|---|---|---|\n");
        for (Row r : rows) {
            out.append("| ").append(String.join(" | ", cells(r))).append(" |\n");
        }
        return out.toString();
    }

    synchronized long misses() {
        return rows.stream().filter(r -> Boolean.FALSE.equals(r.pass())).count();
    }

    private static String[] cells(Row r) {
        return new String[] {r.scenario(), r.metric(), r.value(), r.target(), r.verdict()};
    }

    private static void line(StringBuilder out, String[] cells, int[] width) {
        for (int i = 0; i < cells.length; i++) {
            out.append(String.format("%-" + width[i] + "s", cells[i]));
            out.append(i == cells.length - 1 ? "\n" : "  ");
        }
    }

    /** The {@code q}-quantile (0..1) of nanosecond samples, in milliseconds (nearest rank). */
    static double quantileMillis(long[] nanos, double q) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }
}
