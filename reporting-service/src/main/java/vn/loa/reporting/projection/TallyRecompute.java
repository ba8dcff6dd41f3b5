package vn.loa.reporting.projection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.loa.reporting.figures.Figures;
import vn.loa.reporting.period.PeriodCalendar;

import java.util.Collection;

/**
 * The tallies recomputed from {@code activity_state} in two set-based statements: on the first start
 * after the tallies were introduced (a stack keeps its data), when {@code loa.periods.calendar}
 * changed (the months are cut differently), and for a benchmark that seeds activities straight into
 * the read model. Each activity counts where its row says ({@code counted_after_closing}). It is the
 * SQL twin of {@link ActivityProjection#dimensions} and its contributions; {@code TalliesIT} checks that both agree.
 */
@Component
public class TallyRecompute {

    private static final Logger log = LoggerFactory.getLogger(TallyRecompute.class);
    private static final String META_KEY = "tally.calendar";
    private static final String DIMENSIONS = """
            cross join lateral (
                select 'ALL' as dim, '' as key, null::bigint as reach
                union all select distinct 'TARGET', t, null::bigint from unnest(a.target_codes) t
                union all select 'CHANNEL', coalesce(a.channel, ''), null::bigint
                union all select 'LEAD', a.unit, null::bigint where a.unit is not null
                union all select distinct 'COORDINATE', c, null::bigint from unnest(a.coordinating_units) c
                union all select distinct 'TOPIC', t, null::bigint from unnest(a.topics) t
                union all select 'AUDIENCE', x ->> 'audience', sum(coalesce((x ->> 'reach')::bigint, 0))
                    from jsonb_array_elements(a.audiences) x where x ->> 'audience' is not null group by x ->> 'audience'
                union all select 'SOURCE', a.budget_source, null::bigint where a.budget_source is not null) d""";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PeriodCalendar calendar;
    private final Figures figures;

    TallyRecompute(JdbcClient jdbc, TransactionTemplate tx, PeriodCalendar calendar, Figures figures) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.calendar = calendar;
        this.figures = figures;
    }

    /** At start-up, once across replicas (an advisory lock), if the tallies were cut with another calendar or never. */
    @EventListener(ApplicationReadyEvent.class)
    void recomputeIfStale() {
        String wanted = calendar.kind().name();
        tx.executeWithoutResult(s -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('reporting-tally-recompute'))").query((rs, i) -> 0).list();
            String cut = jdbc.sql("select value from projection_meta where key = :k").param("k", META_KEY)
                    .query(String.class).optional().orElse(null);
            if (wanted.equals(cut)) {
                return;
            }
            long rows = recomputeInTransaction(null);
            jdbc.sql("""
                            insert into projection_meta (key, value) values (:k, :v)
                            on conflict (key) do update set value = excluded.value""")
                    .param("k", META_KEY).param("v", wanted).update();
            log.info("Tallies recomputed from activity_state ({} rows, calendar {}, was {})", rows, wanted, cut);
        });
    }

    /** Recomputes the tallies of some org units (null: all), in a transaction of its own. */
    public long recompute(Collection<String> orgUnits) {
        Long rows = tx.execute(s -> recomputeInTransaction(orgUnits));
        return rows == null ? 0 : rows;
    }

    private long recomputeInTransaction(Collection<String> orgUnits) {
        // Live writers wait until the tallies are whole again; readers go on. Every dashboard's version moves.
        jdbc.sql("lock table activity_state, tally, tally_due in exclusive mode").update();
        figures.changedEverywhere();
        String only = orgUnits == null ? "" : " and a.org_unit = any(:units::text[])";
        String[] units = orgUnits == null ? new String[0] : orgUnits.toArray(String[]::new);
        jdbc.sql("delete from tally" + (orgUnits == null ? "" : " where org_unit = any(:units::text[])"))
                .param("units", units).update();
        jdbc.sql("delete from tally_due" + (orgUnits == null ? "" : " where org_unit = any(:units::text[])"))
                .param("units", units).update();
        int tallies = jdbc.sql("""
                        insert into tally (org_unit, month, dim, key, after_closing, completed, quantity, best, reach,
                            cost_vnd, open, flagged, planned_cost_vnd)
                        select a.org_unit,
                               loa_reporting_month(case when a.status = 'COMPLETED' then a.completed_on else a.due_date end,
                                   :calendar),
                               d.dim, d.key, a.counted_after_closing,
                               count(*) filter (where a.status = 'COMPLETED'),
                               coalesce(sum(coalesce(a.quantity, 0)) filter (where a.status = 'COMPLETED'), 0),
                               max(coalesce(a.quantity, 0)) filter (where a.status = 'COMPLETED' and d.dim = 'TARGET'),
                               coalesce(sum(coalesce(d.reach, a.reach)) filter (where a.status = 'COMPLETED'), 0),
                               coalesce(sum(a.cost_vnd) filter (where a.status = 'COMPLETED'), 0),
                               count(*) filter (where a.status <> 'COMPLETED'),
                               count(*) filter (where a.status <> 'COMPLETED' and a.overdue),
                               coalesce(sum(a.planned_cost_vnd), 0)
                        from activity_state a
                        """ + DIMENSIONS + """

                        where a.status <> 'CANCELLED'
                          and (case when a.status = 'COMPLETED' then a.completed_on else a.due_date end) is not null""" + only + """

                        group by 1, 2, 3, 4, 5""")
                .param("calendar", calendar.kind().name()).param("units", units).update();
        jdbc.sql("""
                        insert into tally_due (org_unit, due_date, dim, key, after_closing, open, flagged)
                        select a.org_unit, a.due_date, d.dim, d.key, a.counted_after_closing, count(*),
                               count(*) filter (where a.overdue)
                        from activity_state a
                        """ + DIMENSIONS + """

                        where a.status not in ('COMPLETED', 'CANCELLED') and a.due_date is not null""" + only + """

                        group by 1, 2, 3, 4, 5""")
                .param("units", units).update();
        return tallies;
    }
}
