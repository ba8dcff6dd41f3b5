package vn.loa.notification.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

@JsonIgnoreProperties(ignoreUnknown = true)
@EventType(value = "quarter-closed", topic = Topics.PERIOD_EVENTS, version = 1)
public record QuarterClosed(String district, List<String> districtPath, String period, String calendar,
                            String closedBy, OffsetDateTime closedAt, LocalDate districtDueDate,
                            List<CommuneWindow> communes) {
}