package vn.loa.localstack;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A service running as its own {@code java -jar} process, its output in {@code .loa/logs/<name>.log}. */
public final class ServiceProcess {

    /** Put on every child's command line so that {@code pgrep -f loa.localstack} finds the stack. */
    static final String MARKER_PROPERTY = "loa.localstack";

    private final ServiceSpec spec;
    private final Path logFile;
    private final Process process;

    private ServiceProcess(ServiceSpec spec, Path logFile, Process process) {
        this.spec = spec;
        this.logFile = logFile;
        this.process = process;
    }

    static ServiceProcess start(ServiceSpec spec, Path jar, StackSettings settings) throws IOException {
        return start(spec, jar, settings, settings.logs().resolve(spec.name() + ".log"));
    }

    /** As {@link #start(ServiceSpec, Path, StackSettings)}, with the output in {@code logFile} (end-to-end tests). */
    public static ServiceProcess start(ServiceSpec spec, Path jar, StackSettings settings, Path logFile)
            throws IOException {
        if (Files.exists(logFile)) {
            // Keep the previous run's log for a look after a crash, but no more.
            Files.move(logFile, logFile.resolveSibling(spec.name() + ".log.1"), StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(settings.serviceJavaOptions());
        command.add("-D" + MARKER_PROPERTY + "=" + settings.root());
        command.add("-Dfile.encoding=UTF-8");
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(settings.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(logFile.toFile()))
                .redirectInput(Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(spec.environment(settings));
        Process process = builder.start();
        Files.writeString(settings.run().resolve(spec.name() + ".pid"), Long.toString(process.pid()));
        return new ServiceProcess(spec, logFile, process);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public ServiceSpec spec() {
        return spec;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public int exitValue() {
        return process.exitValue();
    }

    /** Asks the process (and anything it started) to stop; after {@code grace} it is killed. */
    public void stop(Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** The end of the log, to show with a failure without sending the user looking for it. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(could not read " + logFile + ": " + e.getMessage() + ")";
        }
    }
}
