package vn.loa.reporting.projection;

import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Our copy of plan-service's plan-issued (v1): only the fields reporting uses. */
@EventType(value = "plan-issued", topic = Topics.PLAN_EVENTS, version = 1)
public record PlanIssued(UUID planId, int version, String orgUnit, String orgUnitName, String orgUnitLevel,
                         List<String> orgUnitPath, int year, String documentNumber, LocalDate issuedOn,
                         String issuer, String title, List<Target> targets, List<String> channels,
                         List<Unit> units, List<Assignment> assignments, List<BudgetLine> budget,
                         Long budgetTotalVnd) {

    /** {@code recurrence}: MONTHLY, QUARTERLY or null (not recurring). */
    public record Target(String code, String description, String indicator, BigDecimal yearlyValue,
                         List<BigDecimal> quarterlyValues, String channel, String unit, String recurrence) {
    }

    public record Unit(String code, String name) {
    }

    public record Assignment(String unit, String unitName, String role, String duties) {
    }

    public record BudgetLine(String source, Long amountVnd, String note) {
    }
}
