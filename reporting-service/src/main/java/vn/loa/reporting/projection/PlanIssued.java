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
                         Long budgetTotalVnd, List<Recipient> recipients, List<Topic> topics) {

    /** A content topic of the plan (a–f): its code and wording, which the report's topic lines print. */
    public record Topic(String code, String title) {
    }

    /**
     * {@code recurrence}: MONTHLY, QUARTERLY or null (not recurring); {@code parentTargetCode}: the target of the
     * plan it implements (a district's), which the district's consolidated report rolls it up under.
     */
    public record Target(String code, String description, String indicator, BigDecimal yearlyValue,
                         List<BigDecimal> quarterlyValues, String channel, String unit, String recurrence,
                         String parentTargetCode) {
    }

    public record Unit(String code, String name) {
    }

    /** {@code reportsEveryMonths}: the reporting duty (3, 6 or 12), on the assignment that reports. */
    public record Assignment(String unit, String unitName, String role, String duties, Integer reportsEveryMonths) {
    }

    /** A line of the plan's "Nơi nhận": who receives it and why ("b/c", "t/h", "Lưu"); purpose may be absent. */
    public record Recipient(String name, String purpose) {
    }

    public record BudgetLine(String source, Long amountVnd, String note) {
    }
}
