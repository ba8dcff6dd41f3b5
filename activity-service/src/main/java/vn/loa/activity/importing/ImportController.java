package vn.loa.activity.importing;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import vn.loa.activity.activity.Callers;
import vn.loa.support.security.CurrentUser;

@RestController
class ImportController {

    private final ActivityImport importer;

    ImportController(ActivityImport importer) {
        this.importer = importer;
    }

    /** The body is read as bytes and decoded as UTF-8 whatever charset the client announces (or omits). */
    @PostMapping(path = "/api/activities/import", consumes = {"text/csv", "text/plain"})
    ImportResult importCsv(@RequestBody byte[] body, CurrentUser user) {
        return importer.importCsv(Callers.of(user), body);
    }
}
