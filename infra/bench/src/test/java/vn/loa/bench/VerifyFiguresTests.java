package vn.loa.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyFiguresTests {

    private static final List<String> LOG = List.of(
            "[INFO] Using the MultiThreadedBuilder implementation with a thread count of 2",
            "[INFO] Reactor Summary for Loa 0.1.0-SNAPSHOT:",
            "[INFO] ",
            "[INFO] Loa ................................................ SUCCESS [  2.205 s]",
            "[INFO] Loa messaging (outbox, inbox, dead letters) ........ SUCCESS [01:58 min]",
            "[INFO] Loa test support (real PostgreSQL and Kafka for every test) SUCCESS [ 58.413 s]",
            "[INFO] Loa end-to-end tests ............................... SKIPPED",
            "[INFO] ------------------------------------------------------------------------",
            "[INFO] BUILD SUCCESS");

    @Test
    void readsEveryModuleOfTheReactorSummaryWithItsTime() {
        assertThat(VerifyFigures.reactor(LOG)).containsExactly(
                new VerifyFigures.Module("Loa", "SUCCESS", 2.205),
                new VerifyFigures.Module("Loa messaging (outbox, inbox, dead letters)", "SUCCESS", 118),
                new VerifyFigures.Module("Loa test support (real PostgreSQL and Kafka for every test)", "SUCCESS", 58.413),
                new VerifyFigures.Module("Loa end-to-end tests", "SKIPPED", 0));
    }

    @Test
    void writesDurationsAsTheReadmeQuotesThem() {
        assertThat(VerifyFigures.duration(742.4)).isEqualTo("12 min 22 s");
        assertThat(VerifyFigures.duration(41.2)).isEqualTo("41 s");
        assertThat(VerifyFigures.seconds("01:02", "h")).isEqualTo(3720);
    }

    @Test
    @SuppressWarnings("unchecked")
    void countsTheTestsOfTheReportsPerModuleAndWritesDateCommitAndLoad(@TempDir Path build) throws Exception {
        Path unit = Files.createDirectories(build.resolve("plan-service/target/surefire-reports"));
        Path it = Files.createDirectories(build.resolve("plan-service/target/failsafe-reports"));
        Files.writeString(unit.resolve("TEST-vn.loa.plan.ATests.xml"),
                "<?xml version=\"1.0\"?>\n<testsuite name=\"ATests\" time=\"1\" tests=\"7\" errors=\"0\" skipped=\"1\" failures=\"0\">");
        Files.writeString(it.resolve("TEST-vn.loa.plan.BIT.xml"),
                "<testsuite xmlns:xsi=\"x\" tests=\"3\" errors=\"1\" skipped=\"0\" failures=\"0\" name=\"BIT\">");

        Map<String, Object> json = VerifyFigures.figures(LOG, build, 700, "1.00 2.00 3.00", "2.00 2.00 2.00", "abc1234",
                "./mvnw -B -ntp verify");
        String md = VerifyFigures.markdown(json);

        assertThat((Map<String, Object>) json.get("tests")).containsEntry("total", 10).containsEntry("unit", 7)
                .containsEntry("integration", 3).containsEntry("failures", 1).containsEntry("skipped", 1);
        // BUILD SUCCESS in the log, but a test failed (as with -Dmaven.test.failure.ignore=true): not green.
        assertThat((Map<String, Object>) json.get("run")).containsEntry("threads", "2").containsEntry("result", "TESTS FAILED");
        assertThat(md).contains("**11 min 40 s**", "**10 tests**", "commit abc1234", "load average 1.00 2.00 3.00",
                "| Loa messaging (outbox, inbox, dead letters) | SUCCESS | 1 min 58 s |", "| plan-service | 7 | 3 |")
                .containsPattern("finished 20\\d\\d-\\d\\d-\\d\\d");
    }

    @Test
    void rewritesTheReadmeLineWithFiguresThatTheFiguresFileSays(@TempDir Path build) throws Exception {
        Path unit = Files.createDirectories(build.resolve("plan-service/target/surefire-reports"));
        Files.writeString(unit.resolve("TEST-vn.loa.plan.ATests.xml"),
                "<?xml version=\"1.0\"?>\n<testsuite name=\"ATests\" time=\"1\" tests=\"7\" errors=\"0\" skipped=\"0\" failures=\"0\">");
        Map<String, Object> json = VerifyFigures.figures(LOG, build, 700, "1.00 2.00 3.00", "2.00 2.00 2.00", "abc1234",
                "./mvnw -B -ntp verify");
        String md = VerifyFigures.markdown(json);
        String readme = "# Loa\n\nText.\nLast `./loa verify`: **old** figures.\nMore text.\n";

        String updated = VerifyFigures.withReadmeLine(readme, VerifyFigures.readmeLine(json));

        assertThat(updated).startsWith("# Loa\n\nText.\nLast `./loa verify`: **BUILD SUCCESS** in **11 min 40 s**")
                .endsWith("(docs/figures/verify.md).\nMore text.\n").doesNotContain("old");
        java.util.regex.Matcher bold = java.util.regex.Pattern.compile("\\*\\*([^*]+)\\*\\*")
                .matcher(VerifyFigures.readmeLine(json));
        int quoted = 0;
        while (bold.find()) {
            assertThat(md).contains(bold.group(1));
            quoted++;
        }
        assertThat(quoted).isEqualTo(4);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VerifyFigures.withReadmeLine("# Loa\n", "x"))
                .hasMessageContaining("exactly one line");
    }
}
