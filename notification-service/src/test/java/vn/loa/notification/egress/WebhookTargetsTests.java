package vn.loa.notification.egress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SSRF guard's rules, on names that a resolver of the test's own answers (nothing is sent anywhere). */
class WebhookTargetsTests {

    static final List<Integer> STACK_PORTS = List.of(8080, 8081, 8082, 8083, 8084, 15432, 19092, 19093);

    /** Answers what the test says; a name answered twice in a row may answer differently (DNS rebinding). */
    final Map<String, List<List<String>>> answers = new HashMap<>();

    final HostResolver resolver = host -> {
        if (Cidr.isLiteral(host) || host.matches("[0-9.]+")) { // numeric forms: parsed by the JDK, no lookup
            return List.of(InetAddress.getByName(host));
        }
        List<List<String>> queue = answers.get(host);
        if (queue == null || queue.isEmpty()) {
            throw new UnknownHostException(host);
        }
        List<String> next = queue.size() > 1 ? queue.remove(0) : queue.get(0);
        List<InetAddress> out = new ArrayList<>();
        for (String a : next) {
            out.add(InetAddress.getByName(a));
        }
        return out;
    };

    WebhookTargets guard(List<String> allowedNetworks, List<String> allowedHosts) {
        return new WebhookTargets(new WebhookProperties(allowedNetworks, allowedHosts, STACK_PORTS), resolver, Set.of());
    }

    void answer(String host, String... addresses) {
        answers.computeIfAbsent(host, k -> new ArrayList<>()).add(List.of(addresses));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://169.254.169.254/latest/meta-data/", "http://10.0.0.5/x", "http://localhost:8081/api/plans",
            "http://127.0.0.1/", "http://127.1.2.3:9000/", "http://[::1]/", "http://172.16.0.1/", "http://172.31.255.255/",
            "http://192.168.1.1/", "http://100.64.0.1/", "http://[fd12:3456::1]/", "http://[fe80::1]/",
            "http://224.0.0.1/", "http://[ff02::1]/", "http://0.0.0.0/", "http://[::]/", "http://255.255.255.255/",
            "http://[::ffff:10.0.0.5]/", "http://[64:ff9b::a9fe:a9fe]/", "http://2130706433/", "http://198.18.0.1/"})
    void specialAddressesAreRefusedByDefault(String url) {
        answer("localhost", "127.0.0.1");
        assertThatThrownBy(() -> guard(List.of(), List.of()).check(url))
                .isInstanceOf(RefusedTargetException.class)
                .hasMessageContaining("address");
    }

    @Test
    void theRefusalSaysWhatKindOfAddressAndHowAnOperatorAllowsIt() {
        assertThatThrownBy(() -> guard(List.of(), List.of()).check("http://169.254.169.254/latest/meta-data/"))
                .hasMessageContaining("link-local")
                .hasMessageContaining("169.254.169.254")
                .hasMessageContaining("loa.webhooks.allowed-networks");
    }

    @Test
    void aPublicAddressOnAnyPortIsAccepted() throws Exception {
        answer("hooks.example.vn", "93.184.215.14");
        WebhookTargets.Target t = guard(List.of(), List.of()).check("https://hooks.example.vn:8080/loa");
        assertThat(t.port()).isEqualTo(8080);
        assertThat(t.addresses()).extracting(InetAddress::getHostAddress).containsExactly("93.184.215.14");
    }

    @Test
    void aNameWithOnePrivateAddressAmongPublicOnesIsRefused() {
        answer("mixed.example.vn", "93.184.215.14", "10.1.2.3");
        assertThatThrownBy(() -> guard(List.of(), List.of()).check("https://mixed.example.vn/"))
                .hasMessageContaining("private").hasMessageContaining("10.1.2.3");
    }

    @Test
    void aNameThatDoesNotResolveIsRefused() {
        assertThatThrownBy(() -> guard(List.of(), List.of()).check("https://nowhere.example.vn/"))
                .hasMessageContaining("does not resolve");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://hooks.example.vn/", "file:///etc/passwd", "hooks.example.vn/x", "http:///x",
            "https://user:pass@hooks.example.vn/", "not a url", "gopher://127.0.0.1:25/"})
    void onlyPlainHttpAndHttpsUrlsAreTargets(String url) {
        answer("hooks.example.vn", "93.184.215.14");
        assertThatThrownBy(() -> guard(List.of(), List.of()).check(url)).isInstanceOf(RefusedTargetException.class);
    }

    @Test
    void anAllowListedNetworkIsAcceptedButNotOnTheStacksOwnPorts() throws Exception {
        answer("localhost", "127.0.0.1");
        WebhookTargets local = guard(List.of("127.0.0.0/8", "::1/128"), List.of());
        assertThat(local.check("http://localhost:43210/hook").addresses())
                .extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
        assertThat(local.check("http://[::1]:43210/hook").port()).isEqualTo(43210);
        for (int port : STACK_PORTS) {
            assertThatThrownBy(() -> local.check("http://localhost:" + port + "/api/plans"))
                    .hasMessageContaining("port " + port);
        }
        assertThatThrownBy(() -> local.check("http://10.0.0.5/x")).hasMessageContaining("private");
    }

    @Test
    void anAllowListedHostIsAcceptedWhateverItResolvesTo() throws Exception {
        answer("hooks.noi-bo.loa", "10.20.30.40");
        assertThat(guard(List.of(), List.of("hooks.noi-bo.loa")).check("https://hooks.noi-bo.loa/loa").host())
                .isEqualTo("hooks.noi-bo.loa");
        assertThatThrownBy(() -> guard(List.of(), List.of("hooks.noi-bo.loa")).check("http://hooks.noi-bo.loa:15432/"))
                .hasMessageContaining("port 15432");
    }

    @Test
    void theConnectTimeCheckRefusesAnAnswerThatChangedSinceTheCheck() throws Exception {
        // DNS rebinding: public when checked, metadata address when the client connects.
        answer("rebind.example.vn", "93.184.215.14");
        answer("rebind.example.vn", "169.254.169.254");
        WebhookTargets guard = guard(List.of(), List.of());
        guard.check("https://rebind.example.vn/hook");
        assertThatThrownBy(() -> guard.resolveForConnect("rebind.example.vn", 443))
                .isInstanceOf(RefusedTargetException.class).hasMessageContaining("169.254.169.254");
    }

    @Test
    void theConnectTimeCheckKnowsThePort() throws Exception {
        answer("localhost", "127.0.0.1");
        WebhookTargets local = guard(List.of("127.0.0.0/8"), List.of());
        assertThat(local.resolveForConnect("localhost", 43210)).hasSize(1);
        assertThatThrownBy(() -> local.resolveForConnect("localhost", 8082)).hasMessageContaining("port 8082");
    }
}
