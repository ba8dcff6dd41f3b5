package vn.loa.reporting.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/dashboards/{orgUnit}}: API.md's fields plus (additive) the year and window, report
 * counts behind the rates ({@code reportsExpected}, {@code reportsSubmitted}, {@code reportsOnTime}) with
 * what "expected" means ({@code expectedRule}) and which units are not expected and why ({@code notExpected}),
 * overall figures, a rank per child and, for a whole year, a trend.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DashboardView(String orgUnit, String name, String period, Integer year, LocalDate from, LocalDate to,
                     BigDecimal completeness, BigDecimal timeliness, long reportsExpected, long reportsSubmitted,
                     long reportsOnTime, BigDecimal achievement, long activitiesCompleted, long activitiesOverdue,
                     List<Child> children, List<TrendPoint> trend, String expectedRule,
                     List<NotExpected> notExpected) {

    /**
     * One child: a commune (its report's status and timeliness, and which report that is: {@code reportPeriod},
     * e.g. {@code 2022-H1} on the second quarter's dashboard of a unit reporting every 3 months) or a district
     * aggregated over its communes (then reportStatus and onTime are absent and the rates say how many reported).
     * {@code predecessors}: the units merged into it, whose history its figures include.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Child(String code, String name, String level, BigDecimal achievement, long activitiesCompleted,
                 long activitiesOverdue, String reportStatus, Boolean onTime, long reportsExpected,
                 long reportsSubmitted, long reportsOnTime, BigDecimal completeness, BigDecimal timeliness,
                 int rank, String reportPeriod, List<String> predecessors, Boolean closed) {
    }

    record TrendPoint(String period, BigDecimal completeness, BigDecimal timeliness, BigDecimal achievement,
                      long activitiesCompleted, long activitiesOverdue, long reportsExpected, long reportsSubmitted,
                      long reportsOnTime) {
    }

    /** A reporting unit below that owes no report for the period, and why (NO_PLAN, NOT_IN_REGIME, CLOSED, …). */
    record NotExpected(String code, String name, String reason) {
    }
}
