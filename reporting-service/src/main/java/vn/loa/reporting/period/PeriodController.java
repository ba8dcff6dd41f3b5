package vn.loa.reporting.period;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.loa.support.security.CurrentUser;

import java.util.List;

@RestController
@RequestMapping("/api/periods/{orgUnit}/{period}")
class PeriodController {

    private final PeriodService periods;

    PeriodController(PeriodService periods) {
        this.periods = periods;
    }

    @GetMapping
    PeriodView get(CurrentUser user, @PathVariable String orgUnit, @PathVariable String period) {
        return periods.view(user, orgUnit, period);
    }

    @PostMapping("/close")
    PeriodView close(CurrentUser user, @PathVariable String orgUnit, @PathVariable String period) {
        return periods.close(user, orgUnit, period);
    }

    @PostMapping("/reopen")
    PeriodView reopen(CurrentUser user, @PathVariable String orgUnit, @PathVariable String period,
                      @RequestBody PeriodService.ReopenRequest request) {
        return periods.reopen(user, orgUnit, period, request);
    }

    /** The audit trail of closings and reopenings that concern the unit. */
    @GetMapping("/audit")
    List<PeriodService.AuditEntry> audit(CurrentUser user, @PathVariable String orgUnit, @PathVariable String period) {
        return periods.audit(user, orgUnit, period);
    }
}
