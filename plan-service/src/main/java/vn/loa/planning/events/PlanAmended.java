package vn.loa.planning.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An issued plan was amended: the whole plan as amended, with the reason. */
@EventType(value = "plan-amended", topic = Topics.PLAN_EVENTS, version = 1)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanAmended(
        UUID planId,
        int version,
        String orgUnit,
        String orgUnitName,
        String orgUnitLevel,
        List<String> orgUnitPath,
        int year,
        String documentNumber,
        LocalDate issuedOn,
        String issuer,
        String title,
        UUID implementsPlanId,
        String implementsDocumentNumber,
        List<PlanSnapshot.Target> targets,
        List<PlanSnapshot.Topic> topics,
        List<String> channels,
        List<PlanSnapshot.Unit> units,
        List<PlanSnapshot.Assignment> assignments,
        List<PlanSnapshot.Recipient> recipients,
        List<PlanSnapshot.BudgetLine> budget,
        long budgetTotalVnd,
        String reason,
        OffsetDateTime amendedAt) {
}
