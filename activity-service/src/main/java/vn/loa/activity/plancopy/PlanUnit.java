package vn.loa.activity.plancopy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

@JsonIgnoreProperties(ignoreUnknown = true)
record PlanUnit(String code, String name) {
}
