package vn.loa.reporting.period;

import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import vn.loa.support.web.ETags;
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

    /** ETag: the version of the period's closing (each closing and reopening moves it). */
    @GetMapping
    ResponseEntity<PeriodView> get(CurrentUser user, @PathVariable String orgUnit, @PathVariable String period) {
        PeriodService.Versioned v = periods.versioned(user, orgUnit, period);
        return ResponseEntity.ok().eTag(ETags.of(v.version())).body(v.view());
    }

    @PostMapping("/close")
    ResponseEntity<PeriodView> close(CurrentUser user, @PathVariable String orgUnit, @PathVariable String period,
                                     @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        periods.close(user, orgUnit, period, ifMatch);
        return get(user, orgUnit, period);
    }

    @PostMapping("/reopen")
    ResponseEntity<PeriodView> reopen(CurrentUser user, @PathVariable String orgUnit, @PathVariable String period,
                                      @Valid @RequestBody PeriodService.ReopenRequest request,
                                      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        periods.reopen(user, orgUnit, period, request, ifMatch);
        return get(user, orgUnit, period);
    }

    /** The audit trail of closings and reopenings that concern the unit. */
    @GetMapping("/audit")
    List<PeriodService.AuditEntry> audit(CurrentUser user, @PathVariable String orgUnit, @PathVariable String period) {
        return periods.audit(user, orgUnit, period);
    }
}
