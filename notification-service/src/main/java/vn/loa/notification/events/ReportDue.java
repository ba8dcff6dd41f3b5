package vn.loa.notification.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.util.List;

/** reporting-service's calendar reminder: a report due soon, not submitted (EVENTS.md). */
@JsonIgnoreProperties(ignoreUnknown = true)
@EventType(value = "report-due", topic = Topics.REPORT_EVENTS, version = 1)
public record ReportDue(String orgUnit, String orgUnitName, List<String> orgUnitPath, String reportsTo, String period,
                        String periodKind, LocalDate dueDate, LocalDate remindedOn, String status,
                        Integer workingDaysLeft, Integer daysLeft) {
}
