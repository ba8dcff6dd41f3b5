package vn.loa.activity.periodlock;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** Our copy of reporting-service's {@code quarter-closed}: each commune's data window is carried, not recomputed. */
@EventType(value = "quarter-closed", topic = Topics.PERIOD_EVENTS, version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
record QuarterClosed(String district, List<String> districtPath, String period, String calendar, String closedBy,
                     OffsetDateTime closedAt, LocalDate districtDueDate, List<CommuneWindow> communes) {
}
