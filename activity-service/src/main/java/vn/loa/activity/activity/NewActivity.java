package vn.loa.activity.activity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The body of POST /api/activities (and one CSV row). The channel stays a string so an unknown one is a field error. */
public record NewActivity(UUID planId, String title, String channel, List<String> topics, List<String> targetCodes,
                          String unit, List<String> coordinatingUnits, LocalDate dueDate, BigDecimal plannedQuantity) {
}
