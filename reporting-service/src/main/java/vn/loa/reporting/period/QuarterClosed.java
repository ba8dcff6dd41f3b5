package vn.loa.reporting.period;

import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** A district closed a quarter for all its communes; each commune's data window is locked. */
@EventType(value = "quarter-closed", topic = Topics.PERIOD_EVENTS, version = 1)
public record QuarterClosed(String district, List<String> districtPath, String period, String calendar,
                            String closedBy, OffsetDateTime closedAt, LocalDate districtDueDate,
                            List<CommuneWindow> communes) {

    public record CommuneWindow(String orgUnit, List<String> orgUnitPath, LocalDate from, LocalDate to,
                                LocalDate dueDate) {
    }
}
