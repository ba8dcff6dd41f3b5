package vn.loa.activity.periodlock;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.OffsetDateTime;
import java.util.List;

/** Our copy of reporting-service's {@code quarter-reopened}: a time-boxed exception for some communes. */
@EventType(value = "quarter-reopened", topic = Topics.PERIOD_EVENTS, version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
record QuarterReopened(String district, String period, String reason, OffsetDateTime until, String reopenedBy,
                       OffsetDateTime reopenedAt, List<CommuneWindow> communes) {
}
