package vn.loa.reporting.report;

import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.web.ETags;

/**
 * A unit's periodic report: a commune's, or a district's consolidated one ({@code orgUnit} is either).
 * {@code period}: {@code 2022-Q1}, {@code 2022-H1} or {@code 2022}.
 */
@RestController
@RequestMapping("/api/reports/{commune}/{period}")
class ReportController {

    private final ReportService reports;

    ReportController(ReportService reports) {
        this.reports = reports;
    }

    @GetMapping
    ResponseEntity<ReportView> get(CurrentUser user, @PathVariable String commune, @PathVariable String period) {
        return answer(reports.view(user, commune, period));
    }

    @PutMapping("/narrative")
    ResponseEntity<ReportView> narrative(CurrentUser user, @PathVariable String commune, @PathVariable String period,
                                         @Valid @RequestBody ReportService.NarrativeRequest body,
                                         @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return answer(reports.narrative(user, commune, period, body, ifMatch));
    }

    /** The body is optional: {@code {"signer": {"form": "KT", "title": "Phó Chủ tịch", "name": "…"}}}. */
    @PostMapping("/submit")
    ResponseEntity<ReportView> submit(CurrentUser user, @PathVariable String commune, @PathVariable String period,
                                      @Valid @RequestBody(required = false) ReportService.SubmitRequest body,
                                      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return answer(reports.submit(user, commune, period, body, ifMatch));
    }

    /** Every step of the report: narrative changes, submissions (with number and signer), approvals, returns. */
    @GetMapping("/history")
    java.util.List<ReportService.HistoryEntry> history(CurrentUser user, @PathVariable String commune,
                                                       @PathVariable String period) {
        return reports.history(user, commune, period);
    }

    @PostMapping("/approve")
    ResponseEntity<ReportView> approve(CurrentUser user, @PathVariable String commune, @PathVariable String period,
                                       @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return answer(reports.approve(user, commune, period, ifMatch));
    }

    @PostMapping("/return")
    ResponseEntity<ReportView> returnReport(CurrentUser user, @PathVariable String commune, @PathVariable String period,
                                            @Valid @RequestBody ReportService.ReturnRequest body,
                                            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return answer(reports.returnReport(user, commune, period, body, ifMatch));
    }

    private static ResponseEntity<ReportView> answer(ReportService.Versioned v) {
        return ResponseEntity.ok().eTag(ETags.of(v.version())).body(v.view());
    }
}
