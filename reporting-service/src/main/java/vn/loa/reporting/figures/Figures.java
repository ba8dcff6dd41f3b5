package vn.loa.reporting.figures;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Announces, inside the transaction of a change, that figures changed: bumps the version of every
 * org unit on the changed units' paths (the dashboards' ETags, the same on every replica) and sends
 * a PostgreSQL {@code NOTIFY} on {@value #CHANNEL}, which PostgreSQL delivers to every listening
 * replica only when (and if) the transaction commits. The payload is the list of changes, split to
 * stay under PostgreSQL's 8,000-byte limit.
 */
@Component
public class Figures {

    public static final String CHANNEL = "loa_reporting_figures";
    private static final int MAX_PAYLOAD = 7_000;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Figures(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void changed(FiguresChanged change) {
        changed(List.of(change));
    }

    public void changed(Collection<FiguresChanged> changes) {
        if (changes.isEmpty()) {
            return;
        }
        // Sorted: two transactions bump shared ancestors in the same order, so they wait instead of deadlocking.
        TreeSet<String> units = new TreeSet<>();
        changes.forEach(c -> units.addAll(c.orgUnitPath()));
        // One round trip: the versions bumped (the statement's CTE runs whether or not the select reads it) and every
        // payload notified (before: one round trip for the versions and one per 7,000-byte payload).
        jdbc.sql("""
                        with bumped as (
                            insert into org_version (org_unit, version) select u, 1 from unnest(:units::text[]) u order by u
                            on conflict (org_unit) do update set version = org_version.version + 1)
                        select pg_notify(:channel, p) from unnest(:payloads::text[]) p""")
                .param("units", units.toArray(String[]::new)).param("channel", CHANNEL)
                .param("payloads", payloads(changes).toArray(String[]::new))
                .query((rs, i) -> 0).list();
    }

    /** Every dashboard changed (a rebuild's swap): all versions bumped, one "everything" notification. */
    public void changedEverywhere() {
        jdbc.sql("""
                insert into org_version (org_unit, version) select code, 1 from org_unit order by code
                on conflict (org_unit) do update set version = org_version.version + 1""").update();
        jdbc.sql("select pg_notify(:channel, '*')").param("channel", CHANNEL).query((rs, i) -> 0).list();
    }

    /** The version of an org unit's subtree; 0 before anything changed there. */
    public long version(String orgUnit) {
        return jdbc.sql("select version from org_version where org_unit = :u").param("u", orgUnit)
                .query(Long.class).optional().orElse(0L);
    }

    List<String> payloads(Collection<FiguresChanged> changes) {
        List<String> out = new ArrayList<>();
        List<Map<String, Object>> chunk = new ArrayList<>();
        int size = 2;
        for (FiguresChanged c : changes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("p", c.orgUnitPath());
            if (!c.dates().isEmpty()) {
                m.put("d", c.dates().stream().map(LocalDate::toString).toList());
            }
            if (c.year() != null) {
                m.put("y", c.year());
            }
            if (c.period() != null) {
                m.put("q", c.period());
            }
            int length = json.writeValueAsString(m).length() + 1;
            if (!chunk.isEmpty() && size + length > MAX_PAYLOAD) {
                out.add(json.writeValueAsString(chunk));
                chunk = new ArrayList<>();
                size = 2;
            }
            chunk.add(m);
            size += length;
        }
        if (!chunk.isEmpty()) {
            out.add(json.writeValueAsString(chunk));
        }
        return out;
    }

    /** The changes of a notification's payload; null for "everything changed". */
    @SuppressWarnings("unchecked")
    public List<FiguresChanged> parse(String payload) {
        if (payload == null || payload.equals("*")) {
            return null;
        }
        List<Map<String, Object>> items = json.readValue(payload, List.class);
        List<FiguresChanged> changes = new ArrayList<>();
        for (Map<String, Object> m : items) {
            List<String> dates = (List<String>) m.getOrDefault("d", List.of());
            changes.add(new FiguresChanged((List<String>) m.get("p"), dates.stream().map(LocalDate::parse).toList(),
                    m.get("y") == null ? null : ((Number) m.get("y")).intValue(), (String) m.get("q")));
        }
        return changes;
    }
}
