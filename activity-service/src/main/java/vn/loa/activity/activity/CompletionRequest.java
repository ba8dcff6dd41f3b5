package vn.loa.activity.activity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

public record CompletionRequest(LocalDate completedOn, BigDecimal quantity, Long reach, Long costVnd,
                                List<Evidence> evidence) {
}
