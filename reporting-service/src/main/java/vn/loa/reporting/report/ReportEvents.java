package vn.loa.reporting.report;

import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The report workflow events (key: the reporting unit's code). {@code district} is the unit the report goes to
 * (the level above: a commune's district, a district's province, a commune's province in a two-level tree), as
 * {@code reportsTo}; {@code documentNumber} and {@code orgUnitLevel} are additive in v1.
 */
final class ReportEvents {

    private ReportEvents() {
    }

    @EventType(value = "report-submitted", topic = Topics.REPORT_EVENTS, version = 1)
    record ReportSubmitted(UUID reportId, String orgUnit, String orgUnitName, List<String> orgUnitPath,
                           String district, String period, LocalDate dueDate, String by, OffsetDateTime at,
                           boolean onTime, String documentNumber, String reportsTo, String orgUnitLevel) {
    }

    @EventType(value = "report-approved", topic = Topics.REPORT_EVENTS, version = 1)
    record ReportApproved(UUID reportId, String orgUnit, String orgUnitName, List<String> orgUnitPath,
                          String district, String period, LocalDate dueDate, String by, OffsetDateTime at,
                          boolean onTime, String documentNumber, String reportsTo, String orgUnitLevel) {
    }

    @EventType(value = "report-returned", topic = Topics.REPORT_EVENTS, version = 1)
    record ReportReturned(UUID reportId, String orgUnit, String orgUnitName, List<String> orgUnitPath,
                          String district, String period, LocalDate dueDate, String by, OffsetDateTime at,
                          boolean onTime, String reason, String documentNumber, String reportsTo,
                          String orgUnitLevel) {
    }
}
