package vn.loa.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the launcher (a service, the Kafka broker) that can be started, stopped (SIGTERM,
 * then SIGKILL after a grace period), killed (SIGKILL, as the OOM killer or a lost node would) and started
 * again with the same command. Its output goes to a log file; the previous start's log is kept as
 * {@code <name>.log.1}. Its pid is written to {@code <run>/<name>.pid}, so that {@code ./loa} can stop
 * what a launcher killed with -9 left behind.
 */
public final class ManagedProcess {

    private final String name;
    /** Changed only between starts (the class-data sharing options of {@link Stack}). */
    private volatile List<String> command;
    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final Path logFile;
    private final Path pidFile;
    private Process process;

    ManagedProcess(String name, List<String> command, Map<String, String> environment, Path workingDirectory,
                   Path logFile, Path pidFile) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String name() {
        return name;
    }

    /** The command of the next start. */
    public List<String> command() {
        return command;
    }

    /** Replaces the command for the next start (the one running, if any, is not touched). */
    synchronized void command(List<String> next) {
        this.command = List.copyOf(next);
    }

    /** Waits until the process has exited; false when it still runs after {@code timeout} (or on interrupt). */
    public boolean awaitExit(Duration timeout) {
        Process current;
        synchronized (this) {
            current = process; // not waited for under the lock: stop() and kill() must still get in
        }
        if (current == null) {
            return true;
        }
        try {
            return current.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Path logFile() {
        return logFile;
    }

    /** The environment it starts with (for tests of the launcher's wiring). */
    public Map<String, String> environment() {
        return environment;
    }

    public synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        try {
            Files.createDirectories(logFile.getParent());
            if (Files.exists(logFile)) {
                // Keep the previous start's log for a look after a crash, but no more.
                Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(logFile.toFile()))
                    .redirectInput(Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            process = builder.start();
            if (pidFile != null) {
                Files.createDirectories(pidFile.getParent());
                Files.writeString(pidFile, Long.toString(process.pid()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** SIGTERM to the process and anything it started; SIGKILL after {@code grace}. */
    public synchronized void stop(Duration grace) {
        if (process == null || !process.isAlive()) {
            forgetPid();
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        if (!waitForExit(grace)) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(10));
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        forgetPid();
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye to Kafka or PostgreSQL. Returns once it is gone. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!waitForExit(Duration.ofSeconds(30))) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") still running 30 s after SIGKILL");
        }
        forgetPid();
    }

    private void forgetPid() {
        if (pidFile != null) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                // a stale pid file is checked against the command line by ./loa
            }
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The pid of the current (or last) start. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process.pid();
    }

    public synchronized int exitValue() {
        return process.exitValue();
    }

    /** How often {@code text} occurs in the log (once per start for a start-up line). */
    public int logCount(String text) {
        try {
            String all = Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.ISO_8859_1) : "";
            int count = 0;
            for (int i = all.indexOf(text); i >= 0; i = all.indexOf(text, i + text.length())) {
                count++;
            }
            return count;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The end of the log, to show with a failure without sending the user looking for it. */
    public String logTail(int lines) {
        return tail(logFile, lines);
    }

    /** The last {@code lines} lines of a log file (or a note that it cannot be read). */
    public static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no log)";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            try {
                // not UTF-8 throughout (a crash dump): read it byte for byte
                List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
                return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
            } catch (IOException again) {
                return "(could not read " + file + ": " + e.getMessage() + ")";
            }
        }
    }
}
