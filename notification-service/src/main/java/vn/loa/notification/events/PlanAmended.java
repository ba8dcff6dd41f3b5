package vn.loa.notification.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@JsonIgnoreProperties(ignoreUnknown = true)
@EventType(value = "plan-amended", topic = Topics.PLAN_EVENTS, version = 1)
public record PlanAmended(UUID planId, int version, String orgUnit, String orgUnitName, String orgUnitLevel,
                          List<String> orgUnitPath, int year, String documentNumber, LocalDate issuedOn,
                          String issuer, String title, UUID implementsPlanId, String implementsDocumentNumber,
                          List<UnitRef> units, List<PlanAssignment> assignments, List<PlanRecipient> recipients,
                          String reason, OffsetDateTime amendedAt) {
}