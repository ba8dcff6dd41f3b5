package vn.loa.activity.periodlock;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A commune's quarter as the reporting-service announced it: its data window and lock state. Closed
 * unless a reopening is in force (a reopening without expiry stays in force until the next close).
 */
public record PeriodWindow(String orgUnit, String period, String district, LocalDate from, LocalDate to,
                           String closedBy, Instant closedAt, String reopenedBy, Instant reopenedAt,
                           String reopenReason, Instant reopenedUntil) {

    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }

    public boolean reopenedAt(Instant now) {
        return reopenedAt != null && (reopenedUntil == null || now.isBefore(reopenedUntil));
    }
}
