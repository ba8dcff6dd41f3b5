package vn.loa.reporting.period;

import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.OffsetDateTime;
import java.util.List;

/** A closed quarter reopened for one commune or all of a district until {@code until}. */
@EventType(value = "quarter-reopened", topic = Topics.PERIOD_EVENTS, version = 1)
public record QuarterReopened(String district, String period, String reason, OffsetDateTime until,
                              String reopenedBy, OffsetDateTime reopenedAt,
                              List<QuarterClosed.CommuneWindow> communes) {
}
