package vn.loa.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** Which address the per-address limits count, with and without trusted proxies. */
class ClientAddressTests {

    private static final ClientAddress BEHIND_INGRESS = new ClientAddress(List.of("10.0.0.0/8", "fd00::/8"));

    @Test
    void withoutTrustedProxiesIgnoresXForwardedFor() {
        ClientAddress none = new ClientAddress(List.of());
        assertThat(none.of(exchange("10.1.2.3", "203.0.113.7"))).isEqualTo("10.1.2.3");
        assertThat(none.of(exchange("198.51.100.4", "203.0.113.7"))).isEqualTo("198.51.100.4");
    }

    @Test
    void behindATrustedProxyTakesTheAddressItAppended() {
        assertThat(BEHIND_INGRESS.of(exchange("10.1.2.3", "203.0.113.7"))).isEqualTo("203.0.113.7");
        // The client wrote the first entry itself; the ingress appended the real one.
        assertThat(BEHIND_INGRESS.of(exchange("10.1.2.3", "1.2.3.4, 203.0.113.7"))).isEqualTo("203.0.113.7");
        // Two trusted hops (a load balancer, then the ingress).
        assertThat(BEHIND_INGRESS.of(exchange("10.1.2.3", "203.0.113.7, 10.9.0.1"))).isEqualTo("203.0.113.7");
        assertThat(BEHIND_INGRESS.of(exchange("10.1.2.3", "203.0.113.7:51234"))).isEqualTo("203.0.113.7");
        assertThat(BEHIND_INGRESS.of(exchange("10.1.2.3", "[2001:db8::7]:443"))).isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void aClientThatIsNotATrustedProxyCannotPickItsAddress() {
        assertThat(BEHIND_INGRESS.of(exchange("198.51.100.4", "203.0.113.7"))).isEqualTo("198.51.100.4");
    }

    @Test
    void neverLooksANameUp() {
        // Garbage where the proxy's entry should be: the proxy's own address counts, nothing is resolved.
        assertThat(BEHIND_INGRESS.of(exchange("10.1.2.3", "evil.example.com"))).isEqualTo("10.1.2.3");
        assertThat(ClientAddress.literal("localhost")).isNull();
        assertThat(ClientAddress.literal("999.1.1.1")).isNull();
    }

    @Test
    void refusesAMalformedTrustedProxy() {
        assertThatThrownBy(() -> new ClientAddress(List.of("ingress.local")))
                .hasMessageContaining("loa.gateway.trusted-proxies");
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33"))).hasMessageContaining("prefix");
    }

    private static MockServerWebExchange exchange(String peer, String forwardedFor) {
        return MockServerWebExchange.from(MockServerHttpRequest.post("/auth/token")
                .remoteAddress(new InetSocketAddress(peer, 40000))
                .header("X-Forwarded-For", forwardedFor));
    }
}
