package vn.loa.planning;

import org.junit.jupiter.api.Test;
import vn.loa.testsupport.ProblemCatalogueCheck;

import java.nio.file.Path;

/** Every problem plan-service answers is a code of loa-common's catalogue, with its texts in the bundles. */
class ProblemCodesTests {

    @Test
    void everyProblemComesFromTheCatalogue() {
        ProblemCatalogueCheck.assertSourcesUseTheCatalogue(Path.of("src/main/java"));
    }
}
