package vn.loa.reporting.figures;

import java.time.LocalDate;
import java.util.List;

/**
 * Published (as a Spring application event) inside the transaction of whatever changed a dashboard's
 * figures: a projection handler or a report transition. Subscribers of the dashboard events hear it
 * only after that transaction commits.
 *
 * @param orgUnitPath the org unit the change belongs to, from the root (a subscriber sees it when its
 *                    org unit is on this path)
 * @param dates       dates the change concerns (an activity's due date, completion date), or empty
 * @param year        the year it concerns when there are no dates (a plan), or null
 * @param period      the quarter it concerns (a report, {@code 2022-Q1}), or null
 *                    (no dates, year nor period: every period, e.g. a renamed org unit)
 */
public record FiguresChanged(List<String> orgUnitPath, List<LocalDate> dates, Integer year, String period) {

    public FiguresChanged {
        orgUnitPath = orgUnitPath == null ? List.of() : List.copyOf(orgUnitPath);
        dates = dates == null ? List.of() : dates.stream().filter(java.util.Objects::nonNull).toList();
    }

    public static FiguresChanged onDates(List<String> path, LocalDate... dates) {
        return new FiguresChanged(path, java.util.Arrays.asList(dates), null, null);
    }

    public static FiguresChanged ofYear(List<String> path, Integer year) {
        return new FiguresChanged(path, List.of(), year, null);
    }

    public static FiguresChanged ofPeriod(List<String> path, String period) {
        return new FiguresChanged(path, List.of(), null, period);
    }
}
