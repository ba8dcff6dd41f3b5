package vn.loa.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fails fast, before anything starts, when a port the stack needs is already listened on, and says by whom. */
final class PortCheck {

    private PortCheck() {
    }

    /** The ports of {@code required} (port → who needs it) that are taken, each with a line that says what to do. */
    static List<String> taken(Map<Integer, String> required) {
        List<String> problems = new ArrayList<>();
        required.forEach((port, owner) -> {
            if (!isFree(port)) {
                problems.add("Port " + port + " (" + owner + ") is already in use " + holder(port)
                        .map(process -> "by " + process + ".")
                        .orElse("by a process this user cannot see (as root: ss -ltnp 'sport = :" + port + "')."));
            }
        });
        if (!problems.isEmpty()) {
            problems.add("Stop that process, or ./loa down if it is a Loa stack started from this directory.");
        }
        return problems;
    }

    /**
     * Whether a server could listen on {@code port} now: nobody answers on localhost, and a bind succeeds the
     * way servers bind, with {@code SO_REUSEADDR} on. With it off, the connections a stopped stack left in
     * {@code TIME_WAIT} (normal for 60 s after any use) would make a free port look taken.
     */
    static boolean isFree(int port) {
        // Something listening on localhost only would not stop a bind on the wildcard address on every OS,
        // so try both: connecting (someone answers) and binding (the OS refuses).
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 300);
            return false;
        } catch (IOException expected) {
            // nobody answers: go on and try to bind
        }
        return binds(port, true);
    }

    /** Whether a server socket binds {@code port} on the wildcard address, with or without {@code SO_REUSEADDR}. */
    static boolean binds(int port, boolean reuseAddress) {
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(reuseAddress);
            server.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** "pid 1234 (java -jar …)" of the process listening on {@code port}, when this user may see it. */
    static Optional<String> holder(int port) {
        return ListeningSockets.listenerOf(port)
                .map(pid -> "pid " + pid + ListeningSockets.commandLine(pid).map(c -> " (" + abbreviate(c) + ")").orElse(""));
    }

    private static String abbreviate(String commandLine) {
        return commandLine.length() <= 160 ? commandLine : commandLine.substring(0, 157) + "...";
    }
}
