package vn.loa.notification.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.LocalDate;
import java.util.List;

@JsonIgnoreProperties(ignoreUnknown = true)
public record CommuneWindow(String orgUnit, List<String> orgUnitPath, LocalDate from, LocalDate to, LocalDate dueDate) {
}