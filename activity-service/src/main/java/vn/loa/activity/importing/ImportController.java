package vn.loa.activity.importing;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.web.ApiException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * POST /api/activities/import (CSV or XLSX, {@code ?dryRun=true} for a preview that keeps nothing) and the
 * template. The body is streamed to the reader (never read whole first): the row limit stops the read.
 */
@RestController
class ImportController {

    private final ActivityImport importer;
    private final ImportTemplate template;

    ImportController(ActivityImport importer, ImportTemplate template) {
        this.importer = importer;
        this.template = template;
    }

    /** The body is decoded as UTF-8 whatever charset the client announces (or omits). */
    @PostMapping(path = "/api/activities/import", consumes = {"text/csv", "text/plain", "application/csv"})
    ImportResult importCsv(HttpServletRequest request, @RequestParam(defaultValue = "false") boolean dryRun,
                           CurrentUser user) throws IOException {
        try (InputStream body = request.getInputStream()) {
            return importer.run(user, ActivityImport.Format.CSV, body, dryRun);
        }
    }

    @PostMapping(path = "/api/activities/import", consumes = ImportTemplate.XLSX)
    ImportResult importXlsx(HttpServletRequest request, @RequestParam(defaultValue = "false") boolean dryRun,
                            CurrentUser user) throws IOException {
        try (InputStream body = request.getInputStream()) {
            return importer.run(user, ActivityImport.Format.XLSX, body, dryRun);
        }
    }

    @GetMapping("/api/activities/import/template")
    ResponseEntity<byte[]> template(@RequestParam(defaultValue = "csv") String format,
                                    @RequestParam(required = false) UUID planId, CurrentUser user) {
        return switch (format) {
            case "csv" -> file(template.csv(user, planId), new MediaType("text", "csv", StandardCharsets.UTF_8),
                    "hoat-dong-mau.csv");
            case "xlsx" -> file(template.xlsx(user, planId), MediaType.parseMediaType(ImportTemplate.XLSX),
                    "hoat-dong-mau.xlsx");
            default -> throw ApiException.invalid("format", "field.import.format");
        };
    }

    private static ResponseEntity<byte[]> file(byte[] bytes, MediaType type, String name) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(bytes);
    }
}
