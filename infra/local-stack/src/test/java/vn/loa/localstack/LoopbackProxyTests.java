package vn.loa.localstack;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A frozen proxy holds the bytes (the socket hangs, it is not closed) and lets them through once thawed. */
class LoopbackProxyTests {

    @Test
    void aFrozenProxyHangsTheConnectionAndDeliversOnceThawed() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket s = echo.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    in.transferTo(out);
                } catch (Exception ignored) {
                    // the test ended
                }
            });
            server.setDaemon(true);
            server.start();
            try (LoopbackProxy proxy = new LoopbackProxy("echo", FreePorts.next(), echo.getLocalPort())) {
                proxy.start();
                try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                    client.setSoTimeout(15_000); // a busy machine: the proxy's threads may start late
                    client.getOutputStream().write("xin chào".getBytes(StandardCharsets.UTF_8));
                    assertThat(new String(client.getInputStream().readNBytes(9), StandardCharsets.UTF_8)).isEqualTo("xin chào");

                    proxy.freeze();
                    client.setSoTimeout(1000);
                    client.getOutputStream().write("lần hai".getBytes(StandardCharsets.UTF_8));
                    assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
                    assertThat(client.isClosed()).isFalse();

                    proxy.thaw();
                    client.setSoTimeout(15_000);
                    assertThat(new String(client.getInputStream().readNBytes(9), StandardCharsets.UTF_8)).isEqualTo("lần hai");
                }
            }
        }
    }
}
