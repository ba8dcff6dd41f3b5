package vn.loa.reporting.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/dashboards/{orgUnit}}: API.md's fields plus (additive) the year and window, report
 * counts behind the rates, overall figures, a rank per child and, for a whole year, a trend.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DashboardView(String orgUnit, String name, String period, Integer year, LocalDate from, LocalDate to,
                     BigDecimal completeness, BigDecimal timeliness, long reportsExpected, long reportsSubmitted,
                     long reportsOnTime, BigDecimal achievement, long activitiesCompleted, long activitiesOverdue,
                     List<Child> children, List<TrendPoint> trend) {

    /**
     * One child: a commune (its report's status and timeliness) or a district aggregated over its
     * communes (then reportStatus and onTime are absent and the rates say how many reported).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Child(String code, String name, String level, BigDecimal achievement, long activitiesCompleted,
                 long activitiesOverdue, String reportStatus, Boolean onTime, long reportsExpected,
                 long reportsSubmitted, long reportsOnTime, BigDecimal completeness, BigDecimal timeliness,
                 int rank) {
    }

    record TrendPoint(String period, BigDecimal completeness, BigDecimal timeliness, BigDecimal achievement,
                      long activitiesCompleted, long activitiesOverdue) {
    }
}
