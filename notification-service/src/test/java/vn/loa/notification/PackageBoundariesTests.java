package vn.loa.notification;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package boundaries as a test (issue 16): packages by feature without cycles, and the Kafka wire
 * records of {@code events} mapped to domain types at the edge, never used beyond it.
 */
class PackageBoundariesTests {

    /** The service's own classes (target/classes): no scan of the jars on the class path. */
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackagesOf(NotificationServiceApplication.class);

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("vn.loa.notification.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void onlyTheEventsPackageKnowsTheWireRecords() {
        noClasses().that().resideOutsideOfPackage("vn.loa.notification.events..")
                .should().dependOnClassesThat().resideInAPackage("vn.loa.notification.events..")
                .check(MAIN);
    }

    @Test
    void theDomainPackagesKnowNeitherTheWebNorKafka() {
        noClasses().that().resideInAnyPackage("vn.loa.notification.orgunit..", "vn.loa.notification.recipients..",
                        "vn.loa.notification.notice..", "vn.loa.notification.egress..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "org.apache.kafka..",
                        "vn.loa.messaging..")
                .check(MAIN);
    }
}
