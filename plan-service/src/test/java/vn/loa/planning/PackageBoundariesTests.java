package vn.loa.planning;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package boundaries of plan-service, written down (issue 16.3): features by package, no cycle
 * between them, the access policy and the shared web helpers depending on no feature, and the plan
 * feature not depending on what renders it.
 */
class PackageBoundariesTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("vn.loa.planning");

    @Test
    void featurePackagesAreFreeOfCycles() {
        ArchRule rule = slices().matching("vn.loa.planning.(*)..").should().beFreeOfCycles();
        rule.check(CLASSES);
    }

    @Test
    void thePolicyAndTheWebHelpersDependOnNoFeature() {
        noClasses().that().resideInAnyPackage("vn.loa.planning.access..", "vn.loa.planning.web..", "vn.loa.planning.events..")
                .should().dependOnClassesThat().resideInAnyPackage("vn.loa.planning.plan..", "vn.loa.planning.orgunit..",
                        "vn.loa.planning.document..", "vn.loa.planning.numbering..", "vn.loa.planning.demo..")
                .check(CLASSES);
    }

    @Test
    void theOrgTreeKnowsNothingOfPlansAndPlansNothingOfDocuments() {
        noClasses().that().resideInAPackage("vn.loa.planning.orgunit..")
                .should().dependOnClassesThat().resideInAnyPackage("vn.loa.planning.plan..", "vn.loa.planning.document..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("vn.loa.planning.plan..")
                .should().dependOnClassesThat().resideInAnyPackage("vn.loa.planning.document..", "vn.loa.planning.demo..")
                .check(CLASSES);
    }

    @Test
    void noPackageRepeatsItsParentsName() {
        CLASSES.stream().map(c -> c.getPackageName()).distinct().forEach(name -> {
            String[] parts = name.split("\\.");
            for (int i = 1; i < parts.length; i++) {
                if (parts[i].equals(parts[i - 1])) {
                    throw new AssertionError("Package " + name + " stutters (" + parts[i] + "." + parts[i] + ")");
                }
            }
        });
    }
}
