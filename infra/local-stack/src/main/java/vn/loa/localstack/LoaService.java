package vn.loa.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The five processes of Loa as the launcher runs them: module name, the port {@code ./loa up} gives the
 * first replica, the service's own database (null for the gateway) and the name the gateway's routes use
 * for it ({@code LOA_<ROUTE>_URI}, {@code lb://<route>}).
 */
public enum LoaService {
    PLAN("plan-service", 8081, "loa_plan", "plan"),
    ACTIVITY("activity-service", 8082, "loa_activity", "activity"),
    REPORTING("reporting-service", 8083, "loa_reporting", "reporting"),
    NOTIFICATION("notification-service", 8084, "loa_notification", "notification"),
    GATEWAY("gateway", 8080, null, null);

    private final String moduleName;
    private final int defaultPort;
    private final String database;
    private final String route;

    LoaService(String moduleName, int defaultPort, String database, String route) {
        this.moduleName = moduleName;
        this.defaultPort = defaultPort;
        this.database = database;
        this.route = route;
    }

    /** The Maven module and {@code spring.application.name}, e.g. {@code plan-service}. */
    public String moduleName() {
        return moduleName;
    }

    /** The port of the first replica under {@code ./loa up}; replica n gets {@code defaultPort + 10 (n - 1)}. */
    public int defaultPort() {
        return defaultPort;
    }

    /** The service's own database, null for the gateway. */
    public String database() {
        return database;
    }

    /** The gateway's name for the service (route id, {@code lb://} service id), null for the gateway itself. */
    public String route() {
        return route;
    }

    /** "reporting", "reporting-service" or "REPORTING". */
    public static LoaService byName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (LoaService service : values()) {
            if (service.moduleName.equals(wanted) || wanted.equals(service.route)
                    || service.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return service;
            }
        }
        throw new IllegalArgumentException("No service called '" + name + "' (plan, activity, reporting, notification, gateway)");
    }

    public static List<String> databases() {
        return Stream.of(values()).map(LoaService::database).filter(d -> d != null).toList();
    }

    /**
     * The executable jar the last build left: {@code <module>/target/loa-<module>-<version>-exec.jar}; the
     * gateway may have no classifier, its main (repackaged) jar is then the one to run.
     */
    public Optional<Path> executableJar(Path root) throws IOException {
        Path target = root.resolve(moduleName).resolve("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        String prefix = "loa-" + moduleName + "-";
        try (Stream<Path> files = Files.list(target)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(prefix) && n.endsWith(".jar"))
                    .filter(n -> !n.endsWith("-sources.jar") && !n.endsWith("-plain.jar") && !n.endsWith("-tests.jar"))
                    .sorted(Comparator.comparing((String n) -> !n.endsWith("-exec.jar")))
                    .map(target::resolve)
                    .findFirst();
        }
    }
}
