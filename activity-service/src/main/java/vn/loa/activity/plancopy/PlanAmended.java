package vn.loa.activity.plancopy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Our copy of plan-service's {@code plan-amended}: the whole plan as amended. */
@EventType(value = "plan-amended", topic = Topics.PLAN_EVENTS, version = 1)
@JsonIgnoreProperties(ignoreUnknown = true)
record PlanAmended(UUID planId, int version, String orgUnit, String orgUnitName, String orgUnitLevel,
                   List<String> orgUnitPath, int year, String documentNumber, LocalDate issuedOn, String title,
                   List<PlanTarget> targets, List<PlanTopic> topics, List<String> channels, List<PlanUnit> units,
                   String reason, OffsetDateTime amendedAt) {
}
