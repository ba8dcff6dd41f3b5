package vn.loa.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether a port is listened on by a given process, read from Linux's {@code /proc}. On a shared
 * machine another program can take a port between the check at start-up and the service's bind; the
 * health check must then not take that program's answer for the service's.
 */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** Empty when it cannot be told (no {@code /proc}, or not allowed to read the process's descriptors). */
    static Optional<Boolean> isListeningOn(long pid, int port) {
        Path fds = Path.of("/proc", Long.toString(pid), "fd");
        if (!Files.isReadable(Path.of("/proc/net/tcp")) || !Files.isReadable(fds)) {
            return Optional.empty();
        }
        try {
            Set<String> inodes = new HashSet<>();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                Path path = Path.of(table);
                if (Files.isReadable(path)) {
                    inodes.addAll(listeningInodes(Files.readAllLines(path), port));
                }
            }
            if (inodes.isEmpty()) {
                return Optional.of(false);
            }
            try (Stream<Path> descriptors = Files.list(fds)) {
                return Optional.of(descriptors.anyMatch(fd -> {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        return target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1));
                    } catch (IOException e) {
                        return false;
                    }
                }));
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
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
}
