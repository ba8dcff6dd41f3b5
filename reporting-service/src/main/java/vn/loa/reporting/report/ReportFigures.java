package vn.loa.reporting.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * The figures of a report: live while it is a draft, frozen (stored as they were) once submitted.
 * {@code children}: in a consolidated report (a district's, to the province), the reports it consolidates,
 * one line per reporting unit below; null in a commune's report.
 */
public record ReportFigures(UUID planId, String planDocumentNumber, List<TargetLine> targets,
                            List<ChannelLine> channels, List<UnitLine> units, Budget budget, List<ChildLine> children,
                            List<TopicLine> topics, List<AudienceLine> audiences) {

    /** Without topics and audiences (issue 19): as frozen before them, and where they are added afterwards. */
    public ReportFigures(UUID planId, String planDocumentNumber, List<TargetLine> targets, List<ChannelLine> channels,
                         List<UnitLine> units, Budget budget, List<ChildLine> children) {
        this(planId, planDocumentNumber, targets, channels, units, budget, children, null, null);
    }

    /**
     * Activities per topic of the plan (a–f): planned (of the period, not cancelled), completed, and the reach of the
     * completed ones. Absent from reports frozen before issue 19.
     */
    public record TopicLine(String topic, long activitiesPlanned, long activitiesCompleted, long reach, String title) {

        /** Without the plan's wording of the topic: as frozen before it was kept. */
        public TopicLine(String topic, long activitiesPlanned, long activitiesCompleted, long reach) {
            this(topic, activitiesPlanned, activitiesCompleted, reach, null);
        }
    }

    /** People reached per audience (OFFICIALS, CITIZENS, BUSINESSES: businesses and investors) by completed activities. */
    public record AudienceLine(String audience, long activitiesCompleted, long reach) {
    }

    /**
     * Money per budget source (PROVINCE, DISTRICT, COMMUNE, OTHER; NOT_STATED for activities that name none):
     * the planned cost of the period's activities ({@code plannedVnd}) and what the completed ones spent. Additively:
     * {@code planYearVnd}, the plan's own budget line for the source, for the whole year (null when the plan has no
     * line for it; 0 when it names the source without an amount, as the seed's section III does), and
     * {@code spentYearToDateVnd}, what the completed activities spent from the start of the year to the end of
     * the period (the figure to set against a yearly amount). Both absent from reports frozen before them.
     */
    public record SourceLine(String source, long plannedVnd, long spentVnd, Long planYearVnd, Long spentYearToDateVnd) {

        public SourceLine(String source, long plannedVnd, long spentVnd) {
            this(source, plannedVnd, spentVnd, null, null);
        }
    }

    /**
     * A target's line: {@code achieved} in the target's own unit (occurrences for a recurring target, see
     * {@link ReportArithmetic#achieved}); {@code activitiesCompleted}, {@code quantity} (in the channel's unit)
     * and {@code reach} of the completed activities serving it, shown apart. The last four are absent from
     * reports frozen before they existed.
     */
    public record TargetLine(String code, String description, String indicator, BigDecimal planned,
                             BigDecimal achieved, BigDecimal ratio, String recurrence, Long activitiesCompleted,
                             BigDecimal quantity, Long reach, String parentTargetCode) {

        TargetLine withPlanned(BigDecimal value) {
            return new TargetLine(code, description, indicator, value, achieved, ratio, recurrence, activitiesCompleted,
                    quantity, reach, parentTargetCode);
        }
    }

    /**
     * A report a consolidated report is made of: the unit (its predecessors' history included), its report's
     * state and number for the period ({@code expected}: whether it owes one), its achievement (mean of capped
     * target ratios), completed activities and spending.
     */
    public record ChildLine(String code, String name, boolean expected, String status, String documentNumber,
                            Boolean onTime, BigDecimal achievement, long activitiesCompleted, long spentVnd) {
    }

    public record ChannelLine(String channel, long activitiesPlanned, long activitiesCompleted, BigDecimal quantity,
                              long reach) {
    }

    /** Work per unit and role: {@code LEAD} (unit in charge) and {@code COORDINATE} counted apart. */
    public record UnitLine(String unit, String name, String role, long assigned, long completed, long overdue) {
    }

    /**
     * {@code plannedVnd}: the plan's budget for the period (its total spread over the quarters); {@code spentVnd}:
     * the cost of the completed activities. Additively (issue 19): {@code activitiesPlannedVnd}, the planned cost of
     * the period's activities, and both per source ({@code bySource}); {@code planYearVnd}, the plan's budget for
     * the whole year (the sum of its lines), and {@code spentYearToDateVnd}, spent from the start of the year to the
     * end of the period: what the documents set side by side (see reporting-service/README.md, Budget).
     */
    public record Budget(long plannedVnd, long spentVnd, Long activitiesPlannedVnd, List<SourceLine> bySource,
                         Long planYearVnd, Long spentYearToDateVnd) {

        public Budget(long plannedVnd, long spentVnd) {
            this(plannedVnd, spentVnd, null, null, null, null);
        }

        public Budget(long plannedVnd, long spentVnd, Long activitiesPlannedVnd, List<SourceLine> bySource) {
            this(plannedVnd, spentVnd, activitiesPlannedVnd, bySource, null, null);
        }
    }

    /**
     * What arrived after the period was closed (issue 14.6): the net change to the completed activities,
     * quantity, reach and cost it would have made, and the events themselves. Never part of the figures.
     */
    public record AfterClosing(long activitiesCompleted, java.math.BigDecimal quantity, long reach, long costVnd,
                               List<LateArrival> events) {
    }

    /** One late arrival: the activity as the event left it. */
    public record LateArrival(UUID activityId, String event, String title, String channel, String status,
                              java.time.LocalDate completedOn, java.time.LocalDate dueDate, BigDecimal quantity,
                              Long reach, Long costVnd, java.time.OffsetDateTime publishedAt) {
    }
}
