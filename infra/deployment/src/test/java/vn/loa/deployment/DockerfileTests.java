package vn.loa.deployment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** One Dockerfile per service, building the jar its pom builds, layered, non-root, with a readiness check. */
class DockerfileTests {

    static Stream<String> services() {
        return Repo.SERVICES.keySet().stream().sorted();
    }

    private static String dockerfile(String module) {
        return Repo.read(Repo.path(module + "/Dockerfile"));
    }

    /** The instructions of the last stage (the runtime image). */
    private static String runtimeStage(String text) {
        return text.substring(text.lastIndexOf("\nFROM "));
    }

    /** The build stage: from its FROM to the next one. */
    private static String buildStage(String text) {
        int from = text.indexOf("\nFROM ${JDK_IMAGE} AS build");
        assertThat(from).as("a build stage on the JDK_IMAGE argument").isNotNegative();
        return text.substring(from, text.indexOf("\nFROM ", from + 1));
    }

    @ParameterizedTest
    @MethodSource("services")
    void buildsTheModulesJarAsItsPomNamesIt(String module) {
        String text = dockerfile(module);
        java.util.regex.Matcher build = Pattern.compile("-pl (\\S+) -am package").matcher(buildStage(text));
        assertThat(build.find()).as("the build stage runs Maven on a -pl list").isTrue();
        assertThat(build.group(1).split(",")).contains(module);
        Matcher copy = Pattern.compile("COPY --from=build /src/(\\S+) app\\.jar").matcher(text);
        assertThat(copy.find()).as("the jar is copied from the build stage").isTrue();
        assertThat(copy.group(1)).isEqualTo(module + "/target/" + Repo.jarName(module));
    }

    @Test
    void theFiveBuildStagesAreTheSameSoTheLayerCacheBuildsThemOnce() {
        List<String> stages = services().map(s -> buildStage(dockerfile(s))).distinct().toList();
        assertThat(stages).hasSize(1);
        assertThat(stages.get(0)).contains("-pl " + String.join(",", List.of("plan-service", "activity-service",
                "reporting-service", "notification-service", "gateway")) + " -am package");
    }

    @ParameterizedTest
    @MethodSource("services")
    void takesThePublicBaseImagesAsBuildArgumentsSoALocalBuildCanStandIn(String module) {
        String text = dockerfile(module);
        assertThat(text).contains("\nARG JDK_IMAGE=eclipse-temurin:17-jdk\n", "\nARG JRE_IMAGE=eclipse-temurin:17-jre\n");
        // ARGs used in FROM must come before the first FROM.
        assertThat(text.indexOf("ARG JRE_IMAGE")).isLessThan(text.indexOf("\nFROM "));
        assertThat(text).doesNotContainPattern("(?m)^FROM (?!\\$\\{J[DR][KE]_IMAGE})");
    }

    @ParameterizedTest
    @MethodSource("services")
    void extractsSpringBootLayersAndStartsTheLauncher(String module) {
        String text = dockerfile(module);
        assertThat(text).contains("java -Djarmode=tools -jar app.jar extract --layers --launcher");
        String runtime = runtimeStage(text);
        List<String> layers = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
        int previous = -1;
        for (String layer : layers) {
            int at = runtime.indexOf("/extracted/" + layer + "/");
            assertThat(at).as("layer %s copied after the ones that change less often", layer).isGreaterThan(previous);
            previous = at;
        }
        assertThat(runtime).contains("ENTRYPOINT [\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
    }

    @ParameterizedTest
    @MethodSource("services")
    void runsOnAJreAsANonRootUserWithMemoryFromTheContainerLimit(String module) {
        String runtime = runtimeStage(dockerfile(module));
        assertThat(runtime).startsWith("\nFROM ${JRE_IMAGE}\n");
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(runtime);
        assertThat(user.find()).isTrue();
        assertThat(user.group(1)).doesNotStartWith("0").isNotEqualTo("root");
        assertThat(runtime).contains("-XX:MaxRAMPercentage=").doesNotContain("-Xmx");
    }

    @ParameterizedTest
    @MethodSource("services")
    void checksReadinessOnTheServicesPort(String module) {
        String runtime = runtimeStage(dockerfile(module));
        int port = Repo.SERVICES.get(module);
        assertThat(Repo.configuredPort(module)).isEqualTo(port);
        assertThat(runtime).contains("ENV SERVER_PORT=" + port).contains("EXPOSE " + port);
        assertThat(runtime).containsPattern("HEALTHCHECK [^\\n]*\\\\\\n\\s+CMD .*/actuator/health/readiness");
        // On the management port when the deployment sets one (compose and Kubernetes do): the actuator lives there.
        assertThat(runtime).contains("/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-$SERVER_PORT}");
        // The readiness group exists because probes are enabled in the service's configuration.
        assertThat(Repo.applicationYml(module)).containsEntry("management.endpoint.health.probes.enabled", "true");
    }

    @ParameterizedTest
    @MethodSource("services")
    void theBuildContextKeepsBuildOutputOut(String module) {
        assertThat(Files.exists(Repo.path(module + "/Dockerfile"))).isTrue();
        assertThat(Repo.read(Repo.path(".dockerignore"))).contains("**/target", ".git");
    }
}
