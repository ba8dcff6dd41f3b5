package vn.loa.activity.periodlock;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Optional;

/** Decides whether a completion date falls in a closed period, and which period a date belongs to. */
public final class PeriodLockPolicy {

    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

    private PeriodLockPolicy() {
    }

    /** The period the date falls in: the announced window of that commune if one contains it, else the calendar quarter. */
    public static String periodOf(LocalDate date, Collection<PeriodWindow> windows) {
        return windows.stream().filter(w -> w.contains(date)).map(PeriodWindow::period).findFirst()
                .orElseGet(() -> calendarQuarter(date));
    }

    public static String calendarQuarter(LocalDate date) {
        return date.getYear() + "-Q" + ((date.getMonthValue() - 1) / 3 + 1);
    }

    /** The lock that refuses a completion dated {@code date} at {@code now}, if any. */
    public static Optional<Refusal> check(LocalDate date, Instant now, Collection<PeriodWindow> windows) {
        return windows.stream()
                .filter(w -> w.contains(date))
                .filter(w -> !w.reopenedAt(now))
                .findFirst()
                .map(w -> new Refusal(w, now));
    }

    /** A refused completion: says which period, who closed it and when, and how to ask for reopening. */
    public record Refusal(PeriodWindow window, Instant now) {

        public String detail(String communeName) {
            StringBuilder s = new StringBuilder()
                    .append("Period ").append(window.period())
                    .append(" (").append(window.from()).append(" to ").append(window.to()).append(") of ")
                    .append(communeName).append(" is closed");
            if (window.closedBy() != null) {
                s.append(": closed by ").append(window.closedBy());
            }
            if (window.closedAt() != null) {
                s.append(" on ").append(AT.format(window.closedAt().atZone(ZONE)));
            }
            s.append('.');
            if (window.reopenedAt() != null && window.reopenedUntil() != null) {
                s.append(" Its reopening by ").append(window.reopenedBy()).append(" expired on ")
                        .append(AT.format(window.reopenedUntil().atZone(ZONE))).append('.');
            }
            s.append(" To record work dated in this period, ask the district's culture and information office")
                    .append(" (Phòng Văn hóa và Thông tin, ").append(window.district()).append(") to reopen it for a time:")
                    .append(" POST /api/periods/").append(window.orgUnit()).append('/').append(window.period())
                    .append("/reopen with {reason, until}.");
            return s.toString();
        }
    }
}
