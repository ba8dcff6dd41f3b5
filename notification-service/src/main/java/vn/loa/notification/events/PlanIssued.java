package vn.loa.notification.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Our copy of plan-issued: only the fields notifications need (unknown fields are ignored). */
@JsonIgnoreProperties(ignoreUnknown = true)
@EventType(value = "plan-issued", topic = Topics.PLAN_EVENTS, version = 1)
public record PlanIssued(UUID planId, int version, String orgUnit, String orgUnitName, String orgUnitLevel,
                         List<String> orgUnitPath, int year, String documentNumber, LocalDate issuedOn,
                         String issuer, String title, UUID implementsPlanId, String implementsDocumentNumber,
                         List<UnitRef> units, List<PlanAssignment> assignments, List<PlanRecipient> recipients) {
}