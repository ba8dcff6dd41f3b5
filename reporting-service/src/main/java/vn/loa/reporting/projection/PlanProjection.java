package vn.loa.reporting.projection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.messaging.EventEnvelope;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Keeps the latest version of each issued plan. A version older than (or equal to) the stored one
 * is ignored, so a late or replayed plan-issued cannot undo an amendment.
 */
@Component
class PlanProjection {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PlanProjection(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void onIssued(ProjectionTables tables, EventEnvelope<PlanIssued> event) {
        apply(tables, event.data(), event.time());
    }

    void onAmended(ProjectionTables tables, EventEnvelope<PlanAmended> event) {
        apply(tables, event.data().asPlan(), event.time());
    }

    void onClosed(ProjectionTables tables, EventEnvelope<PlanClosed> event) {
        PlanClosed e = event.data();
        OffsetDateTime closedAt = e.closedAt() != null ? e.closedAt() : event.time();
        // A plan-closed ahead of its plan leaves a stub (version 0) that the plan-issued fills in.
        jdbc.sql("insert into " + tables.planCopy() + """
                         (plan_id, version, org_unit, org_unit_path, year, document_number, closed_at)
                        values (:id, 0, :org, :path::text[], :year, :doc, :closedAt)
                        on conflict (plan_id) do update set closed_at = excluded.closed_at""")
                .param("id", e.planId())
                .param("org", e.orgUnit())
                .param("path", array(e.orgUnitPath()))
                .param("year", e.year())
                .param("doc", e.documentNumber())
                .param("closedAt", closedAt)
                .update();
    }

    private void apply(ProjectionTables tables, PlanIssued p, OffsetDateTime time) {
        int changed = jdbc.sql("insert into " + tables.planCopy() + """
                         as p (plan_id, version, org_unit, org_unit_path, year, document_number, title,
                            issued_on, budget_total_vnd, channels, units, assignments, event_time,
                            reports_every_months, recipients, budget, topics)
                        values (:id, :version, :org, :path::text[], :year, :doc, :title, :issuedOn, :budget,
                            :channels::text[], cast(:units as jsonb), cast(:assignments as jsonb), :time,
                            :every, cast(:recipients as jsonb), cast(:budgetLines as jsonb), cast(:topics as jsonb))
                        on conflict (plan_id) do update set version = excluded.version, org_unit = excluded.org_unit,
                            org_unit_path = excluded.org_unit_path, year = excluded.year,
                            document_number = excluded.document_number, title = excluded.title,
                            issued_on = excluded.issued_on, budget_total_vnd = excluded.budget_total_vnd,
                            channels = excluded.channels, units = excluded.units, assignments = excluded.assignments,
                            event_time = excluded.event_time, reports_every_months = excluded.reports_every_months,
                            recipients = excluded.recipients, budget = excluded.budget, topics = excluded.topics
                        where p.version < excluded.version""")
                .param("id", p.planId())
                .param("version", p.version())
                .param("org", p.orgUnit())
                .param("path", array(p.orgUnitPath()))
                .param("year", p.year())
                .param("doc", p.documentNumber())
                .param("title", p.title())
                .param("issuedOn", p.issuedOn())
                .param("budget", budgetTotal(p))
                .param("channels", array(p.channels()))
                .param("units", json.writeValueAsString(p.units() == null ? List.of() : p.units()))
                .param("assignments", json.writeValueAsString(p.assignments() == null ? List.of() : p.assignments()))
                .param("time", time)
                .param("every", reportsEveryMonths(p))
                .param("recipients", json.writeValueAsString(p.recipients() == null ? List.of() : p.recipients()))
                // the lines per source as the plan states them: a report sets them against what was spent
                .param("budgetLines", json.writeValueAsString(p.budget() == null ? List.of() : p.budget()))
                .param("topics", json.writeValueAsString(p.topics() == null ? List.of() : p.topics()))
                .update();
        if (changed == 0) {
            return; // an older or the same version: nothing to do
        }
        jdbc.sql("delete from " + tables.planTarget() + " where plan_id = :id").param("id", p.planId()).update();
        List<PlanIssued.Target> targets = p.targets() == null ? List.of() : p.targets();
        for (int i = 0; i < targets.size(); i++) {
            PlanIssued.Target t = targets.get(i);
            jdbc.sql("insert into " + tables.planTarget() + """
                             (plan_id, code, ordinal, description, indicator, yearly_value,
                                quarterly_values, channel, unit, recurrence, parent_target_code)
                            values (:id, :code, :ordinal, :description, :indicator, :yearly, :quarterly::numeric[],
                                :channel, :unit, :recurrence, :parent)""")
                    .param("id", p.planId())
                    .param("code", t.code())
                    .param("ordinal", i)
                    .param("description", t.description())
                    .param("indicator", t.indicator() == null ? "COUNT" : t.indicator())
                    .param("yearly", t.yearlyValue() == null ? BigDecimal.ZERO : t.yearlyValue())
                    .param("quarterly", t.quarterlyValues() == null || t.quarterlyValues().size() != 4 ? null
                            : t.quarterlyValues().toArray(BigDecimal[]::new))
                    .param("channel", t.channel())
                    .param("unit", t.unit())
                    .param("recurrence", t.recurrence())
                    .param("parent", t.parentTargetCode())
                    .update();
        }
    }

    /**
     * The plan's reporting duty: the smallest {@code reportsEveryMonths} of its assignments (the unit that
     * reports, "định kỳ 3 tháng/lần"), null when none says (the regime's default applies).
     */
    static Integer reportsEveryMonths(PlanIssued p) {
        return p.assignments() == null ? null : p.assignments().stream().map(PlanIssued.Assignment::reportsEveryMonths)
                .filter(java.util.Objects::nonNull).filter(m -> m > 0).min(Integer::compare).orElse(null);
    }

    private static long budgetTotal(PlanIssued p) {
        if (p.budgetTotalVnd() != null) {
            return p.budgetTotalVnd();
        }
        return p.budget() == null ? 0 : p.budget().stream()
                .mapToLong(b -> b.amountVnd() == null ? 0 : b.amountVnd()).sum();
    }

    static String[] array(List<String> values) {
        return values == null ? new String[0] : values.toArray(String[]::new);
    }
}
