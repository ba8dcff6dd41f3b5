package vn.loa.gateway.app;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web app's JavaScript unit tests ({@code src/test/js}, Node's own test runner: no npm, no packages),
 * run under Maven with the machine's {@code node} when there is one, skipped with a message otherwise
 * (the README's two commands need only a JDK; the browser tests in infra/e2e cover the app either way).
 */
class WebAppScriptTests {

    @Test
    void theApiClientHonoursIfMatchRefreshAndProblems() throws Exception {
        Optional<Path> node = onPath("node");
        Assumptions.assumeTrue(node.isPresent(), "node is not on the PATH: the web app's JavaScript unit tests are skipped");
        Process process = new ProcessBuilder(node.get().toString(), "--test", "src/test/js/")
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("node --test finished").isTrue();
        System.out.println(output.lines().filter(l -> l.startsWith("# ") || l.startsWith("not ok") || l.startsWith("ok"))
                .reduce("[WebAppScriptTests]", (a, b) -> a + System.lineSeparator() + b));
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("# fail 0").doesNotContain("# pass 0");
    }

    private static Optional<Path> onPath(String name) {
        return Stream.of(Objects.requireNonNullElse(System.getenv("PATH"), "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
    }
}
