package vn.loa.planning.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.util.List;

/** Parts shared by {@link PlanIssued} and {@link PlanAmended}: what consumers need without calling back. */
public final class PlanSnapshot {

    private PlanSnapshot() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(String code, String description, String indicator, BigDecimal yearlyValue,
                         List<BigDecimal> quarterlyValues, String channel, String unit, String parentTargetCode,
                         String measure, String recurrence) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Topic(String code, String title, List<String> items) {
    }

    public record Unit(String code, String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Assignment(String unit, String unitName, String role, String duties, Integer reportsEveryMonths) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Recipient(String name, String purpose) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BudgetLine(String source, Long amountVnd, String note) {
    }
}
