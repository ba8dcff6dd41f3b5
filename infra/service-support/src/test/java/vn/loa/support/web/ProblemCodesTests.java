package vn.loa.support.web;

import org.junit.jupiter.api.Test;
import vn.loa.testsupport.ProblemCatalogueCheck;

import java.nio.file.Path;

/** service-support's own problems are codes of the catalogue (ApiException keeps the former string API for others). */
class ProblemCodesTests {

    @Test
    void everyProblemComesFromTheCatalogue() {
        ProblemCatalogueCheck.assertSourcesUseTheCatalogue(Path.of("src/main/java"), "ApiException.java", "Problems.java");
    }
}
