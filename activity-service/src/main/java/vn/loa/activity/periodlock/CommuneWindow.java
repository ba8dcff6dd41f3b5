package vn.loa.activity.periodlock;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.LocalDate;
import java.util.List;

@JsonIgnoreProperties(ignoreUnknown = true)
record CommuneWindow(String orgUnit, List<String> orgUnitPath, LocalDate from, LocalDate to, LocalDate dueDate) {
}
