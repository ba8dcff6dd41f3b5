package vn.loa.planning.events;

import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An issued plan was closed. */
@EventType(value = "plan-closed", topic = Topics.PLAN_EVENTS, version = 1)
public record PlanClosed(
        UUID planId,
        int version,
        String orgUnit,
        List<String> orgUnitPath,
        int year,
        String documentNumber,
        OffsetDateTime closedAt) {
}
