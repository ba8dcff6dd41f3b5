package vn.loa.reporting.period;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * {@code GET /api/periods/{orgUnit}/{period}}: API.md's fields plus the calendar and, during a
 * reopening, until when and why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PeriodView(String orgUnit, String period, String status, LocalDate from, LocalDate to, LocalDate dueDate,
                  String calendar, OffsetDateTime closedAt, String closedBy, OffsetDateTime reopenedUntil,
                  String reopenReason, String reopenedBy) {
}
