package vn.loa.reporting.dashboard;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.loa.reporting.period.PeriodCalendar;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Rendered dashboards (the JSON bodies) by org unit, period (or year) and day, each kept with the version
 * of the org unit's subtree it was computed at ({@code org_version}, bumped in the transaction of every
 * change below the unit). Two levels: this replica's memory, and {@code dashboard_snapshot} in PostgreSQL,
 * where the replica that computed a body leaves it for the others. A body is served only while the
 * database still says its version and its day is today, so every replica serves the same figures; the
 * version is read before computing, so an entry is never older than its version. The ETag is the version
 * with the day (overdue counts change at midnight) and the calendar, so a refetch after a live update
 * whose figures did not change is a 304.
 * <p>
 * One request a key computes at a time in a replica ({@link #computeOnce}): the viewers that asked meanwhile
 * wait for its body instead of computing the same dashboard side by side after every change.
 */
@Component
class DashboardCache {

    record Key(String orgUnit, String period, Integer year, LocalDate today) {

        /** The snapshot row's key: the period ({@code 2022-Q1}) or the year ({@code Y2022}). */
        String periodKey() {
            return period != null ? period : "Y" + year;
        }
    }

    record Entry(long version, byte[] body) {
    }

    /** The version of the unit's subtree, and the body of the snapshot row if it is current and not already here. */
    record Current(long version, byte[] stored) {
    }

    private final boolean enabled;
    private final boolean shared;
    private final String calendar;
    private final JdbcClient jdbc;
    private final Map<Key, Entry> entries;
    private final Map<Key, Object> computing = new ConcurrentHashMap<>();

    DashboardCache(@Value("${loa.dashboard.cache.enabled:true}") boolean enabled,
                   @Value("${loa.dashboard.cache.shared:true}") boolean shared,
                   @Value("${loa.dashboard.cache.size:1000}") int size, PeriodCalendar calendar, JdbcClient jdbc) {
        this.enabled = enabled;
        this.shared = enabled && shared;
        this.calendar = calendar.kind().name();
        this.jdbc = jdbc;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > size;
            }
        };
    }

    String etag(long version, LocalDate today) {
        return "\"" + version + "." + today + "." + calendar + "\"";
    }

    /**
     * One round trip: the unit's version and, when the snapshot row is current and this replica does not hold
     * that version already, the row's body.
     */
    Current current(Key key) {
        if (!shared) {
            return new Current(version(key.orgUnit()), null);
        }
        Entry local = local(key);
        return jdbc.sql("""
                        select coalesce(v.version, 0) as version, s.body
                        from (select cast(:unit as text) as org_unit) u
                        left join org_version v on v.org_unit = u.org_unit
                        left join dashboard_snapshot s on s.org_unit = u.org_unit and s.period_key = :period
                            and s.day = :today and s.version = coalesce(v.version, 0) and s.version <> :held""")
                .param("unit", key.orgUnit()).param("period", key.periodKey()).param("today", key.today())
                .param("held", local == null ? -1L : local.version())
                .query((rs, i) -> new Current(rs.getLong("version"), rs.getBytes("body"))).single();
    }

    private long version(String orgUnit) {
        return jdbc.sql("select version from org_version where org_unit = :u").param("u", orgUnit)
                .query(Long.class).optional().orElse(0L);
    }

    /** The body of {@code key} at {@code version}: from memory, from the snapshot row read, or computed once. */
    byte[] body(Key key, Current current, Supplier<byte[]> compute) {
        if (!enabled) {
            return compute.get();
        }
        byte[] held = get(key, current.version());
        if (held != null) {
            return held;
        }
        if (current.stored() != null) {
            put(key, current.version(), current.stored());
            return current.stored();
        }
        return computeOnce(key, current.version(), compute);
    }

    private byte[] computeOnce(Key key, long version, Supplier<byte[]> compute) {
        Object lock = computing.computeIfAbsent(key, k -> new Object());
        synchronized (lock) {
            try {
                byte[] done = get(key, version);
                if (done != null) {
                    return done; // computed by the request this one waited for
                }
                byte[] body = compute.get();
                put(key, version, body);
                store(key, version, body);
                return body;
            } finally {
                computing.remove(key, lock);
            }
        }
    }

    /** Leaves the body for the other replicas, unless one of them stored a newer version meanwhile. */
    private void store(Key key, long version, byte[] body) {
        if (!shared) {
            return;
        }
        jdbc.sql("""
                        insert into dashboard_snapshot as s (org_unit, period_key, day, version, body)
                        values (:unit, :period, :today, :version, :body)
                        on conflict (org_unit, period_key) do update set day = excluded.day, version = excluded.version,
                            body = excluded.body
                        where s.day < excluded.day or s.day = excluded.day and s.version < excluded.version""")
                .param("unit", key.orgUnit()).param("period", key.periodKey()).param("today", key.today())
                .param("version", version).param("body", body).update();
    }

    private Entry local(Key key) {
        synchronized (entries) {
            return entries.get(key);
        }
    }

    byte[] get(Key key, long version) {
        if (!enabled) {
            return null;
        }
        Entry e = local(key);
        return e != null && e.version() == version ? e.body() : null;
    }

    void put(Key key, long version, byte[] body) {
        if (enabled) {
            synchronized (entries) {
                entries.put(key, new Entry(version, body));
            }
        }
    }

    /** Whether an If-None-Match header names this tag (or any, {@code *}). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
