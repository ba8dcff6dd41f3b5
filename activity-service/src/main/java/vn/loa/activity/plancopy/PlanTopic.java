package vn.loa.activity.plancopy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

@JsonIgnoreProperties(ignoreUnknown = true)
record PlanTopic(String code, String title) {
}
