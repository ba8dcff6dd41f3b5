package vn.loa.reporting.period;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a period was closed for a commune at a given instant, from the closing history (every
 * CLOSE in the audit, and the reopenings with their time boxes): closed when a closing happened
 * before and no reopening of the commune or of its whole district ran at that instant. The
 * projection asks it with the time an event was published, so that a replay decides as the live
 * projection did.
 */
@Component
public class ClosedPeriods {

    private final JdbcClient jdbc;

    ClosedPeriods(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A district's period. */
    public record Key(String district, String period) {
    }

    private record Reopening(String orgUnit, OffsetDateTime from, OffsetDateTime until) {
    }

    /** The closing history of some districts' periods, loaded in two queries. */
    public History load(Collection<Key> keys) {
        Map<Key, List<OffsetDateTime>> closes = new HashMap<>();
        Map<Key, List<Reopening>> reopenings = new HashMap<>();
        if (!keys.isEmpty()) {
            String[] districts = keys.stream().map(Key::district).distinct().toArray(String[]::new);
            String[] periods = keys.stream().map(Key::period).distinct().toArray(String[]::new);
            jdbc.sql("""
                            select org_unit, period, at from period_audit
                            where action = 'CLOSE' and org_unit = any(:d::text[]) and period = any(:p::text[])""")
                    .param("d", districts).param("p", periods)
                    .query((rs, i) -> closes.computeIfAbsent(new Key(rs.getString("org_unit"), rs.getString("period")),
                            k -> new ArrayList<>()).add(rs.getObject("at", OffsetDateTime.class)))
                    .list();
            if (!closes.isEmpty()) {
                jdbc.sql("""
                                select district, org_unit, period, reopened_at, until from period_reopening
                                where district = any(:d::text[]) and period = any(:p::text[])""")
                        .param("d", districts).param("p", periods)
                        .query((rs, i) -> reopenings.computeIfAbsent(new Key(rs.getString("district"), rs.getString("period")),
                                k -> new ArrayList<>()).add(new Reopening(rs.getString("org_unit"),
                                rs.getObject("reopened_at", OffsetDateTime.class), rs.getObject("until", OffsetDateTime.class))))
                        .list();
            }
        }
        return new History(closes, reopenings);
    }

    public static final class History {
        private final Map<Key, List<OffsetDateTime>> closes;
        private final Map<Key, List<Reopening>> reopenings;

        private History(Map<Key, List<OffsetDateTime>> closes, Map<Key, List<Reopening>> reopenings) {
            this.closes = closes;
            this.reopenings = reopenings;
        }

        /** Whether {@code period} was closed for {@code commune} (of {@code district}) at {@code at}. */
        public boolean closed(String district, String commune, String period, OffsetDateTime at) {
            Key key = new Key(district, period);
            List<OffsetDateTime> c = closes.get(key);
            if (c == null || c.stream().noneMatch(t -> !t.isAfter(at))) {
                return false;
            }
            return reopenings.getOrDefault(key, List.of()).stream()
                    .noneMatch(r -> (r.orgUnit().equals(commune) || r.orgUnit().equals(district))
                            && !r.from().isAfter(at) && r.until().isAfter(at));
        }
    }
}
