package vn.loa.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fails fast, before anything starts, when a port the stack needs is already taken. */
final class PortCheck {

    private PortCheck() {
    }

    /** Ports and who needs them, in the order they are reported. */
    static Map<Integer, String> required(StackSettings settings) {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ServiceSpec.all().forEach(s -> ports.put(s.port(), s.name()));
        ports.put(settings.postgresPort(), "PostgreSQL");
        ports.put(settings.kafkaPort(), "Kafka");
        ports.put(settings.kafkaControllerPort(), "Kafka controller");
        return ports;
    }

    /** The ports of {@code required} that are taken, each with a line that says what to do. */
    static List<String> taken(Map<Integer, String> required) {
        List<String> problems = new ArrayList<>();
        required.forEach((port, owner) -> {
            if (!isFree(port)) {
                problems.add("Port " + port + " (" + owner + ") is already in use. Is a Loa stack already running"
                        + " (./loa down)? Otherwise find the process with: ss -ltnp 'sport = :" + port + "'");
            }
        });
        return problems;
    }

    static boolean isFree(int port) {
        // Something listening on localhost only would not stop a bind on the wildcard address on every OS,
        // so try both: connecting (someone answers) and binding (the OS refuses).
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 300);
            return false;
        } catch (IOException expected) {
            // nobody answers: go on and try to bind
        }
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(false);
            server.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
