package vn.loa.notification.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@JsonIgnoreProperties(ignoreUnknown = true)
@EventType(value = "report-submitted", topic = Topics.REPORT_EVENTS, version = 1)
public record ReportSubmitted(UUID reportId, String orgUnit, String orgUnitName, List<String> orgUnitPath, String district,
                        String period, LocalDate dueDate, String by, OffsetDateTime at, Boolean onTime,
                        String reason) {
}