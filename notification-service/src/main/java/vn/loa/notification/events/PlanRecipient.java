package vn.loa.notification.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One line of the plan's *nơi nhận*: free text such as "Phòng VHTT (b/c)". */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlanRecipient(String name, String purpose) {
}