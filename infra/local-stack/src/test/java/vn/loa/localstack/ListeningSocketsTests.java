package vn.loa.localstack;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ListeningSocketsTests {

    @Test
    void findsTheInodeOfAListeningSocketInAProcNetTable() {
        List<String> table = List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0100007F:3C28 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1",
                "   1: 0100007F:1F90 0100007F:A2B4 01 00000000:00000000 00:00000000 00000000     0        0 5151 1",
                "   2: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 6161 1");

        assertThat(ListeningSockets.listeningInodes(table, 8080)).containsExactly("6161");
        assertThat(ListeningSockets.listeningInodes(table, 15400)).containsExactly("4242");
        assertThat(ListeningSockets.listeningInodes(table, 8081)).isEmpty();
    }

    @Test
    void tellsWhetherAndWhichProcessListensOnAPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            long self = ProcessHandle.current().pid();

            ListeningSockets.isListeningOn(self, socket.getLocalPort())
                    .ifPresent(listening -> assertThat(listening).isTrue());
            ListeningSockets.isListeningOn(1, socket.getLocalPort())
                    .ifPresent(listening -> assertThat(listening).isFalse());
            ListeningSockets.listenerOf(socket.getLocalPort()).ifPresent(pid -> assertThat(pid).isEqualTo(self));
            assertThat(ListeningSockets.commandLine(self)).hasValueSatisfying(c -> assertThat(c).contains("java"));
        }
    }

    @Test
    void readsThePidFromTheOutputOfSs() {
        String line = "LISTEN 0 100 *:8080 *:* users:((\"java\",pid=4321,fd=42))";

        assertThat(ListeningSockets.pidInSsOutput(line)).contains(4321L);
        assertThat(ListeningSockets.pidInSsOutput("")).isEmpty();
    }
}
