package vn.loa.bench;

import java.io.PrintWriter;
import java.util.Arrays;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The main class of each benchmark JVM: runs the given JUnit classes (a module's benchmarks, which
 * are JUnit tests on that module's test classpath) in order, in this JVM, so they share its
 * embedded PostgreSQL and Kafka. Exit status 0 only if every class ran at least one test and none failed.
 */
public final class RunBenchmarkClasses {

    private RunBenchmarkClasses() {
    }

    public static void main(String[] classNames) {
        Launcher launcher = LauncherFactory.create();
        boolean ok = true;
        for (String className : classNames) {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(className)).build();
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            launcher.execute(request, listener);
            TestExecutionSummary summary = listener.getSummary();
            PrintWriter out = new PrintWriter(System.out, true);
            if (summary.getTotalFailureCount() > 0) {
                summary.printFailuresTo(out, 30);
            }
            boolean passed = summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() > 0;
            out.printf("[bench] %s: %d succeeded, %d failed, %d skipped%n", className,
                    summary.getTestsSucceededCount(), summary.getTotalFailureCount(), summary.getTestsSkippedCount());
            ok &= passed;
        }
        System.out.println("[bench] classes " + Arrays.toString(classNames) + (ok ? " passed" : " FAILED"));
        System.exit(ok ? 0 : 1);
    }
}
