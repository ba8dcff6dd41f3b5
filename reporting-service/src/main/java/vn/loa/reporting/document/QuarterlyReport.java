package vn.loa.reporting.document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a periodic report document shows (quarter, six months, year), independent of how the report is
 * stored: the unit and the one above it, the period, the figures and the narrative; once submitted its
 * number, signer and recipients (from the plan); for a consolidated report, the reports it consolidates.
 *
 * @param orgUnitName   "Xã Liên Minh"
 * @param parentName    "Huyện Đức Thọ", may be null
 * @param period        "2022-Q1"
 * @param submittedOn   the date of the document; null for a draft (left blank to fill in)
 * @param status        DRAFT, SUBMITTED, APPROVED or RETURNED
 * @param afterClosing  what arrived after the quarter was closed: shown apart, never in the figures
 */
public record QuarterlyReport(
        String orgUnitCode,
        String orgUnitName,
        String parentName,
        String period,
        String status,
        LocalDate dueDate,
        LocalDate submittedOn,
        String planDocumentNumber,
        List<Target> targets,
        List<Channel> channels,
        List<Unit> units,
        long plannedVnd,
        long spentVnd,
        String results,
        String shortcomings,
        String nextSteps,
        List<LateArrival> afterClosing,
        String documentNumber,
        vn.loa.documents.Signer signer,
        List<String> recipients,
        List<Child> children,
        String issuerName,
        String parentBodyName) {

    /** A report with nothing after closing. */
    public QuarterlyReport(String orgUnitCode, String orgUnitName, String parentName, String period, String status,
                           LocalDate dueDate, LocalDate submittedOn, String planDocumentNumber, List<Target> targets,
                           List<Channel> channels, List<Unit> units, long plannedVnd, long spentVnd, String results,
                           String shortcomings, String nextSteps) {
        this(orgUnitCode, orgUnitName, parentName, period, status, dueDate, submittedOn, planDocumentNumber, targets,
                channels, units, plannedVnd, spentVnd, results, shortcomings, nextSteps, List.of(), null, null, List.of(),
                List.of(), null, null);
    }

    public QuarterlyReport {
        afterClosing = afterClosing == null ? List.of() : List.copyOf(afterClosing);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        children = children == null ? List.of() : List.copyOf(children);
        targets = targets == null ? List.of() : List.copyOf(targets);
        channels = channels == null ? List.of() : List.copyOf(channels);
        units = units == null ? List.of() : List.copyOf(units);
    }

    /**
     * {@code ratio} is achieved / planned (1 = 100 %), null when nothing was planned. {@code recurrence}
     * (MONTHLY, QUARTERLY or null): a recurring target's achieved value counts the months (quarters) in
     * which it was carried out; {@code activitiesCompleted} and {@code quantity} (in the channel's unit) of
     * the activities serving it are shown apart; both null for reports frozen before they existed.
     */
    public record Target(String code, String description, String indicator, BigDecimal planned, BigDecimal achieved,
                         BigDecimal ratio, String recurrence, Long activitiesCompleted, BigDecimal quantity) {

        public Target(String code, String description, String indicator, BigDecimal planned, BigDecimal achieved,
                      BigDecimal ratio) {
            this(code, description, indicator, planned, achieved, ratio, null, null, null);
        }
    }

    /** An activity reported after the quarter was closed ("sau khi khóa sổ"). */
    public record LateArrival(String title, String channel, String status, LocalDate completedOn, BigDecimal quantity,
                              LocalDate receivedOn) {
    }

    /** A report a consolidated report is made of: whether it is owed, its state, number, timeliness and figures. */
    public record Child(String code, String name, boolean expected, String status, String documentNumber,
                        Boolean onTime, BigDecimal achievement, long activitiesCompleted, long spentVnd) {
    }

    public record Channel(String channel, long activitiesPlanned, long activitiesCompleted, BigDecimal quantity,
                          long reach) {
    }

    /** {@code role}: LEAD (unit in charge) or COORDINATE. */
    public record Unit(String code, String name, String role, long assigned, long completed, long overdue) {
    }
}
