package vn.loa.reporting.projection;

import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Our copy of plan-amended (v1): the whole plan as amended, plus the reason. */
@EventType(value = "plan-amended", topic = Topics.PLAN_EVENTS, version = 1)
public record PlanAmended(UUID planId, int version, String orgUnit, String orgUnitName, String orgUnitLevel,
                          List<String> orgUnitPath, int year, String documentNumber, LocalDate issuedOn,
                          String issuer, String title, List<PlanIssued.Target> targets, List<String> channels,
                          List<PlanIssued.Unit> units, List<PlanIssued.Assignment> assignments,
                          List<PlanIssued.BudgetLine> budget, Long budgetTotalVnd,
                          List<PlanIssued.Recipient> recipients, String reason, OffsetDateTime amendedAt,
                          List<PlanIssued.Topic> topics) {

    PlanIssued asPlan() {
        return new PlanIssued(planId, version, orgUnit, orgUnitName, orgUnitLevel, orgUnitPath, year,
                documentNumber, issuedOn, issuer, title, targets, channels, units, assignments, budget,
                budgetTotalVnd, recipients, topics);
    }
}
