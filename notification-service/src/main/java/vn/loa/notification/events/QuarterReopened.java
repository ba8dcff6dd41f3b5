package vn.loa.notification.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.OffsetDateTime;
import java.util.List;

@JsonIgnoreProperties(ignoreUnknown = true)
@EventType(value = "quarter-reopened", topic = Topics.PERIOD_EVENTS, version = 1)
public record QuarterReopened(String district, String period, String reason, OffsetDateTime until,
                              String reopenedBy, OffsetDateTime reopenedAt, List<CommuneWindow> communes) {
}