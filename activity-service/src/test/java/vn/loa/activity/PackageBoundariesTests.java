package vn.loa.activity;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package boundaries of activity-service, written down (issue 16.3): features by package without a cycle
 * between them; the copies of other services' data (org tree, plans, period locks) and the access policy depend
 * on no feature that uses them; the Kafka wire records of a copy stay inside it; no package repeats its parent's
 * name.
 */
class PackageBoundariesTests {

    /** The service's own classes (target/classes): no scan of the jars on the class path. */
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackagesOf(ActivityServiceApplication.class);

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("vn.loa.activity.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theCopiesAndThePolicyDependOnNoFeatureThatUsesThem() {
        noClasses().that().resideInAnyPackage("vn.loa.activity.orgunit..", "vn.loa.activity.plancopy..",
                        "vn.loa.activity.periodlock..", "vn.loa.activity.access..", "vn.loa.activity.support..")
                .should().dependOnClassesThat().resideInAnyPackage("vn.loa.activity.lifecycle..",
                        "vn.loa.activity.importing..", "vn.loa.activity.overdue..", "vn.loa.activity.demo..")
                .check(MAIN);
        noClasses().that().resideInAPackage("vn.loa.activity.orgunit..")
                .should().dependOnClassesThat().resideInAnyPackage("vn.loa.activity.access..", "vn.loa.activity.plancopy..",
                        "vn.loa.activity.periodlock..")
                .check(MAIN);
    }

    @Test
    void theActivityFeatureKnowsNothingOfImportsJobsOrDemoData() {
        noClasses().that().resideInAPackage("vn.loa.activity.lifecycle..")
                .should().dependOnClassesThat().resideInAnyPackage("vn.loa.activity.importing..",
                        "vn.loa.activity.overdue..", "vn.loa.activity.demo..")
                .check(MAIN);
    }

    @Test
    void noPackageRepeatsItsParentsName() {
        MAIN.stream().map(c -> c.getPackageName()).distinct().forEach(name -> {
            String[] parts = name.split("\\.");
            for (int i = 1; i < parts.length; i++) {
                if (parts[i].equals(parts[i - 1])) {
                    throw new AssertionError("Package " + name + " stutters (" + parts[i] + "." + parts[i] + ")");
                }
            }
        });
    }
}
