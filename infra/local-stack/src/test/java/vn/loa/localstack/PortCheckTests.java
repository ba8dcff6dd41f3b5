package vn.loa.localstack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class PortCheckTests {

    @Test
    void aPortSomeoneListensOnIsTakenAndTheMessageNamesTheProcess() throws IOException {
        try (ServerSocket busy = new ServerSocket(0)) {
            int port = busy.getLocalPort();

            assertThat(PortCheck.isFree(port)).isFalse();
            String self = Long.toString(ProcessHandle.current().pid());
            assertThat(PortCheck.taken(Map.of(port, "plan-service"))).first().asString()
                    .contains("Port " + port + " (plan-service) is already in use by ")
                    // this JVM, named by pid and command line (or, where /proc and ss cannot tell, how to find it)
                    .satisfiesAnyOf(m -> assertThat(m).contains("pid " + self + " (", "java"),
                            m -> assertThat(m).contains("ss -ltnp 'sport = :" + port + "'"));
        }
    }

    @Test
    void aPortLeftInTimeWaitByAStoppedServerIsFree() throws IOException {
        int port;
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(0));
            port = server.getLocalPort();
            // A request served and the connection closed by the server first, as an HTTP server does: the
            // server's end of it stays in TIME_WAIT for 60 s after the server has stopped.
            try (Socket client = new Socket("localhost", port); Socket accepted = server.accept()) {
                client.getOutputStream().write('x');
                accepted.getInputStream().read();
                OutputStream reply = accepted.getOutputStream();
                reply.write('y');
                accepted.close();
                InputStream in = client.getInputStream();
                while (in.read() >= 0) {
                    // until the server's FIN
                }
            }
        }
        assumeFalse(PortCheck.binds(port, false), "no TIME_WAIT left on this system: nothing to show");

        assertThat(PortCheck.isFree(port)).as("the port a stopped stack used a moment ago").isTrue();
        assertThat(PortCheck.taken(Map.of(port, "gateway"))).isEmpty();
    }
}
