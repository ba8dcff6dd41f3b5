package vn.loa.testsupport;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * Which images the container path runs. The public ones by default; where no registry is reachable, the
 * images {@code ./loa images} builds from Debian packages and Maven Central (infra/images) stand in for
 * them, declared as compatible substitutes so that Testcontainers' modules accept them.
 *
 * <p>Per image: the system property ({@code -Dloa.test.postgres-image=…}) or environment variable
 * ({@code LOA_TEST_POSTGRES_IMAGE}) if set; else the local image if the engine has it; else the public one.
 */
final class ContainerImages {

    static final String PUBLIC_POSTGRES = "postgres:17-alpine";
    static final String LOCAL_POSTGRES = "localhost/loa/postgres:17";
    static final String PUBLIC_KAFKA = "apache/kafka:4.1.1";
    static final String LOCAL_KAFKA = "localhost/loa/kafka:4.1.2";

    private static final Logger log = LoggerFactory.getLogger(ContainerImages.class);

    private ContainerImages() {
    }

    static DockerImageName postgres() {
        return DockerImageName.parse(choose("postgres-image", LOCAL_POSTGRES, PUBLIC_POSTGRES))
                .asCompatibleSubstituteFor("postgres");
    }

    static DockerImageName kafka() {
        return DockerImageName.parse(choose("kafka-image", LOCAL_KAFKA, PUBLIC_KAFKA))
                .asCompatibleSubstituteFor("apache/kafka");
    }

    private static String choose(String name, String local, String publicImage) {
        String configured = System.getProperty("loa.test." + name,
                System.getenv("LOA_TEST_" + name.toUpperCase(Locale.ROOT).replace('-', '_')));
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        return present(local) ? local : publicImage;
    }

    private static boolean present(String image) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return true;
        }
        catch (RuntimeException e) {
            log.debug("image {} is not in the engine: {}", image, e.toString());
            return false;
        }
    }
}
