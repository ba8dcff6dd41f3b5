package vn.loa.notification.reminder;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Which reminder is due on a day: reminders go 7, 3 and 1 days before the due date. When a run
 * was missed (the service was down) only the most urgent reminder still relevant is sent, never a
 * stale "7 days left" two days before the deadline.
 */
public final class ReminderSchedule {

    public static final List<Integer> DEFAULT_DAYS_BEFORE = List.of(7, 3, 1);

    private final List<Integer> daysBefore;

    public ReminderSchedule(List<Integer> daysBefore) {
        this.daysBefore = daysBefore.stream().sorted().toList();
    }

    /** @return the reminder ("days before" threshold) that applies today, if any */
    public Optional<Integer> dueReminder(LocalDate dueDate, LocalDate today) {
        long daysLeft = ChronoUnit.DAYS.between(today, dueDate);
        if (daysLeft < 0) {
            return Optional.empty();
        }
        return daysBefore.stream().filter(d -> d >= daysLeft).findFirst();
    }

    /** A deadline is late from the day after it (a day ends at 24:00 local time). */
    public static boolean isLate(LocalDate dueDate, LocalDate today) {
        return today.isAfter(dueDate);
    }

    public static long daysLeft(LocalDate dueDate, LocalDate today) {
        return ChronoUnit.DAYS.between(today, dueDate);
    }
}
