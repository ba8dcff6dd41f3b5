package vn.loa.reporting.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/reports/{orgUnit}/{period}}: API.md's fields, plus (additive) the window, the
 * workflow's who and when, the plan reported against, a {@code role} and {@code name} on unit lines,
 * {@code afterClosing} (what arrived after the period was closed, counted apart; null when nothing did), the
 * period's {@code kind} (QUARTER, HALF_YEAR, YEAR), the {@code documentNumber} and {@code signer} given at
 * submission, {@code reportsTo} (the level above), whether the unit owes this report ({@code expected}, else
 * {@code notExpectedBecause}: NO_PLAN, NOT_IN_REGIME, NOT_YET_ESTABLISHED, CLOSED) and its {@code regime}, the
 * {@code children} of a consolidated report and the {@code recipients} from the plan.
 */
record ReportView(UUID reportId, String orgUnit, String orgUnitName, String period, ReportStatus status,
                  LocalDate from, LocalDate to, LocalDate dueDate, UUID planId, String planDocumentNumber,
                  List<ReportFigures.TargetLine> targets, List<ReportFigures.ChannelLine> channels,
                  List<ReportFigures.UnitLine> units, ReportFigures.Budget budget, Narrative narrative,
                  OffsetDateTime submittedAt, String submittedBy, Boolean onTime, OffsetDateTime decidedAt,
                  String decidedBy, String returnReason, boolean frozen, ReportFigures.AfterClosing afterClosing,
                  String kind, String documentNumber, SignerView signer, String reportsTo, boolean expected,
                  String notExpectedBecause, String regime, List<ReportFigures.ChildLine> children,
                  List<Recipient> recipients, List<ReportFigures.TopicLine> topics,
                  List<ReportFigures.AudienceLine> audiences) {

    record Narrative(String results, String shortcomings, String nextSteps) {
    }

    /** The signer block chosen at submission: form TM, KT or Q, title, name. */
    record SignerView(String form, String title, String name) {
    }

    /** A line of "Nơi nhận", from the plan. */
    record Recipient(String name, String purpose) {
    }
}
