package vn.loa.planning.document;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.loa.support.security.CurrentUser;
import vn.loa.common.problem.ProblemCode;
import vn.loa.support.web.ApiException;

import java.util.Locale;
import java.util.UUID;

/**
 * {@code GET /api/plans/{id}/export?format=pdf|docx}: the plan as a Decree 30/2020 document. Lives with
 * the document feature (which reads plans), so that the plan feature does not depend on it.
 */
@RestController
class PlanExportController {

    private final PlanDocumentExport documents;

    PlanExportController(PlanDocumentExport documents) {
        this.documents = documents;
    }

    @GetMapping("/api/plans/{id}/export")
    ResponseEntity<byte[]> export(CurrentUser user, @PathVariable UUID id, @RequestParam(defaultValue = "pdf") String format) {
        String type;
        byte[] body;
        String f = format.toLowerCase(Locale.ROOT);
        switch (f) {
            case "pdf" -> {
                type = "application/pdf";
                body = documents.pdf(user, id);
            }
            case "docx" -> {
                type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
                body = documents.docx(user, id);
            }
            default -> throw ApiException.of(ProblemCode.UNSUPPORTED_FORMAT, "plan", format);
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(type))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"ke-hoach-" + id + "." + f + "\"")
                .body(body);
    }
}
