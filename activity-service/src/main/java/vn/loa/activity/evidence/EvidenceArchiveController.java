package vn.loa.activity.evidence;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import vn.loa.support.security.CurrentUser;

import java.io.IOException;

/**
 * {@code GET /api/evidence/{orgUnit}/{period}.zip}: a commune's evidence of a quarter (or half year, or year) in one
 * download, for the PAR Index self-assessment. Same access as reading the commune's activities.
 */
@RestController
class EvidenceArchiveController {

    private final EvidenceArchive archive;

    EvidenceArchiveController(EvidenceArchive archive) {
        this.archive = archive;
    }

    @GetMapping("/api/evidence/{orgUnit}/{period}.zip")
    void zip(@PathVariable String orgUnit, @PathVariable String period, CurrentUser user, HttpServletResponse response)
            throws IOException {
        EvidenceArchive.Plan plan = archive.plan(user, orgUnit, period);
        response.setContentType("application/zip");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, FileNames.contentDisposition("attachment", plan.fileName()));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        try {
            archive.write(plan, response.getOutputStream());
        } catch (IOException e) {
            // The status is sent; a client that went away (or a store that failed mid-way) ends the ZIP unfinished,
            // which any unzip tool reports.
            log.info("ZIP of {} {} ended early: {}", orgUnit, period, e.toString());
        }
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EvidenceArchiveController.class);
}
