package vn.loa.notification.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

@JsonIgnoreProperties(ignoreUnknown = true)
public record PlanAssignment(String unit, String unitName, String role, String duties, Integer reportsEveryMonths) {
}