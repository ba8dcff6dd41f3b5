package vn.loa.activity.lifecycle;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** Overdue is derived: open and past its due date, a day ending at 24:00 in Asia/Ho_Chi_Minh. */
public final class Overdue {

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private Overdue() {
    }

    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }

    public static boolean isOverdue(ActivityStatus status, LocalDate dueDate, LocalDate today) {
        return status.open() && dueDate.isBefore(today);
    }
}
