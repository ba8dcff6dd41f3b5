package vn.loa.gateway;

import org.junit.jupiter.api.Test;
import vn.loa.testsupport.ProblemCatalogueCheck;

import java.nio.file.Path;

/** The gateway's own problems are codes of loa-common's catalogue, the services' too, with the same texts. */
class ProblemCodesTests {

    @Test
    void everyProblemComesFromTheCatalogue() {
        ProblemCatalogueCheck.assertSourcesUseTheCatalogue(Path.of("src/main/java"));
    }
}
