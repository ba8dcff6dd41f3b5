package vn.loa.reporting.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/reports/{communeCode}/{period}}: API.md's fields, plus (additive) the window, the
 * workflow's who and when, the plan reported against, a {@code role} and {@code name} on unit lines, and
 * {@code afterClosing}: what arrived after the period was closed, counted apart (null when nothing did).
 */
record ReportView(UUID reportId, String orgUnit, String orgUnitName, String period, ReportStatus status,
                  LocalDate from, LocalDate to, LocalDate dueDate, UUID planId, String planDocumentNumber,
                  List<ReportFigures.TargetLine> targets, List<ReportFigures.ChannelLine> channels,
                  List<ReportFigures.UnitLine> units, ReportFigures.Budget budget, Narrative narrative,
                  OffsetDateTime submittedAt, String submittedBy, Boolean onTime, OffsetDateTime decidedAt,
                  String decidedBy, String returnReason, boolean frozen, ReportFigures.AfterClosing afterClosing) {

    record Narrative(String results, String shortcomings, String nextSteps) {
    }
}
