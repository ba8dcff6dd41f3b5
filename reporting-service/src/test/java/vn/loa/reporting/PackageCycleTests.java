package vn.loa.reporting;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The feature packages of reporting-service ({@code vn.loa.reporting.<feature>}) depend on each other
 * without cycles (issue 16.3): figures and projections below, reports and dashboards on top.
 */
class PackageCycleTests {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("vn.loa.reporting");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("vn.loa.reporting.(*)..").should().beFreeOfCycles().check(classes);
    }
}
