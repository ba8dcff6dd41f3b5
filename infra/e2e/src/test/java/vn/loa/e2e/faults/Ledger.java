package vn.loa.e2e.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one table a fault run prints at its end: per fault, events produced (rows activity-service's outbox
 * wrote for {@code loa.activity.events}), consumed (distinct events reporting-service's inbox processed),
 * duplicates absorbed (copies the inboxes of every service skipped), dead-lettered, parked, lost and doubled
 * (both must be 0).
 */
final class Ledger {

    record Row(String fault, long produced, long consumed, long duplicates, long deadLettered, long parked, long lost,
               long doubled) {
    }

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(Row row) {
        rows.add(row);
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    /** A Markdown table, with a total row. */
    synchronized String table() {
        StringBuilder out = new StringBuilder();
        out.append("| fault | produced | consumed | duplicates absorbed | dead-lettered | parked | lost | doubled |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        long[] total = new long[7];
        for (Row r : rows) {
            out.append(line(r.fault(), r.produced(), r.consumed(), r.duplicates(), r.deadLettered(), r.parked(), r.lost(),
                    r.doubled()));
            long[] values = {r.produced(), r.consumed(), r.duplicates(), r.deadLettered(), r.parked(), r.lost(), r.doubled()};
            for (int i = 0; i < values.length; i++) {
                total[i] += values[i];
            }
        }
        out.append(line("**total**", total[0], total[1], total[2], total[3], total[4], total[5], total[6]));
        return out.toString();
    }

    private static String line(String fault, long... values) {
        StringBuilder line = new StringBuilder("| ").append(fault);
        for (long v : values) {
            line.append(String.format(Locale.ROOT, " | %d", v));
        }
        return line.append(" |\n").toString();
    }
}
