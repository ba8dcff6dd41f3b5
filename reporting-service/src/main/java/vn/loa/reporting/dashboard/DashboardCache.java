package vn.loa.reporting.dashboard;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.loa.reporting.period.PeriodCalendar;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Computed dashboards by org unit, period (or year) and day, each kept with the version of the org
 * unit's subtree it was computed at ({@code org_version}, bumped in the transaction of every change
 * below the unit). A dashboard is served from here only while the database still says that version,
 * so every replica serves the same figures; the version is read before computing, so an entry is
 * never older than its version. The ETag is the version with the day (overdue counts change at
 * midnight) and the calendar, so a refetch after a live update whose figures did not change is a 304.
 */
@Component
class DashboardCache {

    record Key(String orgUnit, String period, Integer year, LocalDate today) {
    }

    record Entry(long version, DashboardView view) {
    }

    private final boolean enabled;
    private final String calendar;
    private final Map<Key, Entry> entries;

    DashboardCache(@Value("${loa.dashboard.cache.enabled:true}") boolean enabled,
                   @Value("${loa.dashboard.cache.size:1000}") int size, PeriodCalendar calendar) {
        this.enabled = enabled;
        this.calendar = calendar.kind().name();
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

    DashboardView get(Key key, long version) {
        if (!enabled) {
            return null;
        }
        synchronized (entries) {
            Entry e = entries.get(key);
            return e != null && e.version() == version ? e.view() : null;
        }
    }

    void put(Key key, long version, DashboardView view) {
        if (enabled) {
            synchronized (entries) {
                entries.put(key, new Entry(version, view));
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
