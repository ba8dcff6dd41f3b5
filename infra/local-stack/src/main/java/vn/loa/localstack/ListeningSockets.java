package vn.loa.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which process listens on a port, read from Linux's {@code /proc} ({@code /proc/net/tcp*} for the socket's
 * inode, {@code /proc/<pid>/fd} for its owner), with {@code ss -ltnp} as the fallback. On a shared machine
 * another program can take a port between the check at start-up and the service's bind; the health check
 * must then not take that program's answer for the service's, and a taken port is reported with its holder.
 */
final class ListeningSockets {

    private static final String LISTEN = "0A";
    private static final List<String> TABLES = List.of("/proc/net/tcp", "/proc/net/tcp6");
    private static final Pattern SS_PID = Pattern.compile("pid=(\\d+)");

    private ListeningSockets() {
    }

    /** Empty when it cannot be told (no {@code /proc}, or not allowed to read the process's descriptors). */
    static Optional<Boolean> isListeningOn(long pid, int port) {
        Path fds = Path.of("/proc", Long.toString(pid), "fd");
        if (!Files.isReadable(Path.of(TABLES.get(0))) || !Files.isReadable(fds)) {
            return Optional.empty();
        }
        try {
            Set<String> inodes = listeningInodes(port);
            return Optional.of(!inodes.isEmpty() && holdsAny(fds, inodes));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The pid of a process listening on {@code port}: from {@code /proc}, else from {@code ss -ltnp}. */
    static Optional<Long> listenerOf(int port) {
        try {
            Set<String> inodes = listeningInodes(port);
            if (!inodes.isEmpty()) {
                try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                    Optional<Long> pid = processes.filter(p -> p.getFileName().toString().matches("\\d+"))
                            .filter(p -> holdsAny(p.resolve("fd"), inodes))
                            .map(p -> Long.parseLong(p.getFileName().toString()))
                            .findFirst();
                    if (pid.isPresent()) {
                        return pid;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: ask ss
        }
        return fromSs(port);
    }

    /** The command line of a process, arguments separated by spaces. */
    static Optional<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String line = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
            return line.isEmpty() ? Optional.empty() : Optional.of(line);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Set<String> listeningInodes(int port) throws IOException {
        Set<String> inodes = new HashSet<>();
        for (String table : TABLES) {
            Path path = Path.of(table);
            if (Files.isReadable(path)) {
                inodes.addAll(listeningInodes(Files.readAllLines(path), port));
            }
        }
        return inodes;
    }

    /** Inodes of the sockets listening on {@code port} in a {@code /proc/net/tcp} table. */
    static Set<String> listeningInodes(List<String> table, int port) {
        Set<String> inodes = new HashSet<>();
        String portHex = String.format("%04X", port);
        for (String line : table.subList(Math.min(1, table.size()), table.size())) {
            String[] f = line.trim().split("\\s+");
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
            if (f.length > 9 && f[1].endsWith(":" + portHex) && LISTEN.equals(f[3])) {
                inodes.add(f[9]);
            }
        }
        return inodes;
    }

    private static boolean holdsAny(Path fds, Set<String> inodes) {
        try (Stream<Path> descriptors = Files.list(fds)) {
            return descriptors.anyMatch(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    return target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1));
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            });
        } catch (IOException | RuntimeException e) {
            return false; // another user's process, or gone meanwhile
        }
    }

    private static Optional<Long> fromSs(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-Hltnp", "sport = :" + port).redirectErrorStream(true).start();
            String output = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ss.waitFor();
            return pidInSsOutput(output);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** {@code users:(("java",pid=1234,fd=12))} → 1234. */
    static Optional<Long> pidInSsOutput(String output) {
        Matcher matcher = SS_PID.matcher(output);
        return matcher.find() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
    }
}
