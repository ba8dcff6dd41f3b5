package vn.loa.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./loa up}: the {@link Stack} with every service, demo data, the fixed ports of the shared facts and its
 * data kept in {@code .loa/}; prints where everything is, then "Loa is ready". Stops everything on Ctrl-C /
 * SIGTERM (and when the {@code ./loa} script that started it is gone).
 */
public final class LocalStack {

    /** Put on every child's command line so that {@code pgrep -f loa.localstack} finds the stack. */
    static final String MARKER_PROPERTY = "loa.localstack";

    private LocalStack() {
    }

    public static void main(String[] args) {
        StackSettings settings;
        try {
            settings = StackSettings.from(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("loa: " + e.getMessage());
            System.exit(2);
            return;
        }
        PrintStream out = System.out;
        configureLogging(settings);
        Stack stack;
        try {
            stack = new Stack(settings.toConfig(findJars(settings.root())), out::println);
        } catch (Stack.StartupFailure | IOException e) {
            System.err.println("loa: " + e.getMessage());
            System.exit(1);
            return;
        }
        try {
            stack.checkPorts(); // before the pid file: a taken port may be another stack's, whose files stay
        } catch (Stack.StartupFailure e) {
            System.err.println("loa: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(stack, settings, out), "loa-stop"));
        watchParent(settings.parentPid());
        try {
            Files.createDirectories(settings.run());
            Files.writeString(settings.run().resolve("launcher.pid"), Long.toString(ProcessHandle.current().pid()));
            printWhere(stack, settings, out);
            stack.start();
        } catch (Stack.StackStopping e) {
            return; // Ctrl-C during start-up: the shutdown hook is taking everything down
        } catch (Stack.StartupFailure e) {
            System.err.println();
            System.err.println("loa: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            if (stack.isStopping()) {
                return;
            }
            System.err.println();
            System.err.println("loa: the stack could not start: " + e);
            System.err.println("     details in " + settings.logs());
            System.exit(1);
        }
        printReady(stack, out);
        watch(stack, out);
    }

    private static Map<LoaService, Path> findJars(Path root) throws IOException {
        Map<LoaService, Path> jars = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (LoaService service : LoaService.values()) {
            Optional<Path> jar = service.executableJar(root);
            if (jar.isPresent()) {
                jars.put(service, jar.get());
            } else {
                missing.add(service.moduleName() + "/target/loa-" + service.moduleName() + "-<version>-exec.jar");
            }
        }
        if (!missing.isEmpty()) {
            throw new Stack.StartupFailure("No executable jar for: " + String.join(", ", missing)
                    + ". Build with ./mvnw -DskipTests package (./loa up does it for you).");
        }
        return jars;
    }

    /** zonky logs through SLF4J: into a file, so the terminal shows only what the user needs. */
    private static void configureLogging(StackSettings settings) {
        try {
            Files.createDirectories(settings.logs());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create " + settings.logs() + ": " + e.getMessage(), e);
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", settings.logs().resolve("infrastructure.log").toString());
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSS");
    }

    /** When ./loa itself is killed, take the stack down rather than leave it running unseen. */
    private static void watchParent(long parentPid) {
        if (parentPid <= 0) {
            return;
        }
        ProcessHandle.of(parentPid).ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("loa: the ./loa script (pid " + parentPid + ") is gone; stopping the stack");
            System.exit(0);
        }));
    }

    private static void printWhere(Stack stack, StackSettings settings, PrintStream out) {
        for (PostgresServer server : stack.postgresServers()) {
            out.printf("PostgreSQL 17  jdbc:postgresql://localhost:%d/  (user %s, password %s; data in %s)%n",
                    server.port(), PostgresServer.USER, PostgresServer.PASSWORD,
                    settings.root().relativize(stack.config().postgresData(server.name())));
        }
        out.printf("Kafka          %s  (KRaft, data in %s)%n", stack.kafkaBootstrap(),
                settings.root().relativize(stack.config().kafkaData()));
    }

    private static void printReady(Stack stack, PrintStream out) {
        out.println();
        out.printf("Loa is ready at %s  (in %.1f s)%n", stack.gatewayUrl(), stack.startedIn().toMillis() / 1000.0);
        stack.allInstances().stream().filter(i -> i.replica() > 1).findAny().ifPresent(i -> out.println(
                "Replicas: the gateway spreads requests over them (Spring Cloud LoadBalancer, round robin)."));
        out.println();
        out.println("Demo users (password \"demo\"):");
        out.println("  lienminh.vhtt   COMMUNE_OFFICER   lien-minh (Xã Liên Minh)");
        out.println("  tungchau.vhtt   COMMUNE_OFFICER   tung-chau (Xã Tùng Châu)");
        out.println("  ductho.vhtt     DISTRICT_OFFICER  duc-tho (Huyện Đức Thọ)");
        out.println("  hatinh.viewer   PROVINCE_VIEWER   ha-tinh (Tỉnh Hà Tĩnh)");
        out.println("  operator        OPERATOR          ha-tinh");
        out.println("Token:  curl -s -X POST " + stack.gatewayUrl() + "/auth/token -H 'Content-Type: application/json' \\");
        out.println("          -d '{\"username\":\"lienminh.vhtt\",\"password\":\"demo\"}'");
        out.println("Logs in " + stack.config().workingDirectory().relativize(stack.logDir()) + "/. Press Ctrl-C to stop everything.");
        out.flush();
    }

    /** After start-up: report a process that dies, keep the rest running until Ctrl-C. */
    private static void watch(Stack stack, PrintStream out) {
        List<Stack.Instance> alive = new ArrayList<>(stack.allInstances());
        while (!stack.isStopping()) {
            for (Stack.Instance instance : List.copyOf(alive)) {
                if (!instance.process().isAlive() && !stack.isStopping()) {
                    out.printf("loa: %s stopped (exit code %d), see %s%n", instance.name(), instance.process().exitValue(),
                            stack.config().workingDirectory().relativize(instance.process().logFile()));
                    alive.remove(instance);
                }
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The shutdown hook: the stack in order, then the pid files. */
    private static void stop(Stack stack, StackSettings settings, PrintStream out) {
        out.println();
        out.println("Stopping Loa …");
        stack.stop();
        try {
            Stack.deleteRecursively(settings.run());
        } catch (IOException e) {
            // pid files only: the next ./loa up checks whether the processes still run
        }
        out.println("Loa stopped.");
        out.flush();
    }
}
