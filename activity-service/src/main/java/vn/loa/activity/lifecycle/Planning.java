package vn.loa.activity.lifecycle;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** What is planned of an activity: everything a correction may change before (or after) it is done. */
record Planning(String title, String channel, List<String> topics, List<String> targetCodes, String unit,
                List<String> coordinatingUnits, LocalDate dueDate, BigDecimal plannedQuantity, Long plannedCostVnd,
                BudgetSource budgetSource) {

    Planning {
        topics = topics == null ? List.of() : List.copyOf(topics);
        targetCodes = targetCodes == null ? List.of() : List.copyOf(targetCodes);
        coordinatingUnits = coordinatingUnits == null ? List.of() : List.copyOf(coordinatingUnits);
    }
}
