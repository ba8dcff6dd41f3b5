package vn.loa.activity.periodlock;

import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.ProblemTexts;
import vn.loa.common.problem.Text;
import vn.loa.support.web.ApiException;

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

        /** The detail, in the bundles' words ({@code problem.period-locked.window}). */
        public Text text(String communeName) {
            Object expired = window.reopenedAt() != null && window.reopenedUntil() != null
                    ? Text.of("problem.period-locked.expired-reopening", String.valueOf(window.reopenedBy()),
                    AT.format(window.reopenedUntil().atZone(ZONE)))
                    : "";
            // At most four arguments per message (ProblemCatalogueTests): the detail is built from smaller texts.
            Text span = Text.of(ProblemCode.PERIOD_LOCKED.detailKey("span"), window.period(), String.valueOf(window.from()),
                    String.valueOf(window.to()));
            Text closedBy = Text.of(ProblemCode.PERIOD_LOCKED.detailKey("closed-by"), String.valueOf(window.closedBy()),
                    window.closedAt() == null ? "?" : AT.format(window.closedAt().atZone(ZONE)));
            Text how = Text.of(ProblemCode.PERIOD_LOCKED.detailKey("reopen-how"), expired, String.valueOf(window.district()),
                    window.orgUnit(), window.period());
            return Text.of(ProblemCode.PERIOD_LOCKED.detailKey("window"), span, communeName, closedBy, how);
        }

        /** The detail in English (logs, tests). */
        public String detail(String communeName) {
            return ProblemTexts.shared().resolve(text(communeName), ProblemTexts.ENGLISH);
        }

        /**
         * 409 {@code period-locked} for a change of {@code orgUnit}'s record: the detail, and the same facts as
         * members ({@code orgUnit}, {@code period}, {@code closedBy}, {@code closedAt}, {@code reopen}).
         */
        public ApiException problem(String orgUnit, String communeName) {
            ApiException problem = ApiException.of(ProblemCode.PERIOD_LOCKED, text(communeName))
                    .with("orgUnit", orgUnit).with("period", window.period())
                    .with("reopen", "POST /api/periods/" + window.orgUnit() + "/" + window.period() + "/reopen");
            if (window.closedBy() != null) {
                problem.with("closedBy", window.closedBy());
            }
            if (window.closedAt() != null) {
                problem.with("closedAt", window.closedAt().atZone(ZONE).toOffsetDateTime());
            }
            return problem;
        }
    }
}
