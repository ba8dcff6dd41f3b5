package vn.loa.activity.plancopy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.util.List;

@JsonIgnoreProperties(ignoreUnknown = true)
public record PlanTarget(String code, String description, String indicator, BigDecimal yearlyValue,
                         List<BigDecimal> quarterlyValues, String channel, String unit) {
}
