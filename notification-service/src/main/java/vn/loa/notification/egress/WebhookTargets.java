package vn.loa.notification.egress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.common.problem.Text;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SSRF guard for webhooks. A target is checked when it is subscribed ({@link #check}) and again
 * at every send: the HTTP client resolves the host through {@link #resolveForConnect}, which checks
 * each address it returns, so the connection goes to exactly the addresses that were checked — a
 * DNS answer that changes between a check and the connect (DNS rebinding) cannot switch it.
 * <p>
 * Refused: anything but absolute {@code http}/{@code https} URLs without user info; host names that
 * do not resolve; any resolved address of a special kind ({@link SpecialAddresses}) unless its
 * network or the host name is allow-listed; on an allow-listed address, the stack's own ports. One
 * refused address among several refuses the target (a name cannot hide a private address behind a
 * public one). Redirects are never followed (see the webhook sender), so a receiver cannot bounce a
 * delivery elsewhere.
 */
public final class WebhookTargets {

    private static final Logger log = LoggerFactory.getLogger(WebhookTargets.class);

    /** A checked target: the URL, its host and port, and the addresses it resolved to. */
    public record Target(URI uri, String host, int port, List<InetAddress> addresses) {
    }

    private final HostResolver resolver;
    private final List<Cidr> allowedNetworks;
    private final Set<String> allowedHosts;
    private final Set<Integer> deniedPorts;

    public WebhookTargets(WebhookProperties properties, HostResolver resolver, Set<Integer> extraDeniedPorts) {
        this.resolver = resolver;
        this.allowedNetworks = properties.allowedNetworks().stream().filter(s -> !s.isBlank()).map(Cidr::parse).toList();
        this.allowedHosts = new TreeSet<>(properties.allowedHosts().stream().filter(s -> !s.isBlank())
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).toList());
        TreeSet<Integer> ports = new TreeSet<>(properties.deniedPorts());
        ports.addAll(extraDeniedPorts);
        this.deniedPorts = ports;
        if (!allowedNetworks.isEmpty() || !allowedHosts.isEmpty()) {
            log.info("Webhooks may also reach the allow-listed networks {} and hosts {}, except ports {}",
                    allowedNetworks, allowedHosts, deniedPorts);
        }
    }

    /** Checks a URL as a subscription target; the exception's message says what is wrong. */
    public Target check(String url) throws RefusedTargetException {
        URI uri = parse(url);
        String host = host(uri);
        int port = port(uri);
        List<InetAddress> addresses = resolveChecked(host, port);
        return new Target(uri, host, port, addresses);
    }

    /**
     * Resolves and checks again at connect time (the HTTP client's DNS hook, with the port it is about
     * to connect to). Throws if any address is refused.
     */
    public List<InetSocketAddress> resolveForConnect(String host, int port) throws UnknownHostException {
        List<InetSocketAddress> out = new ArrayList<>();
        for (InetAddress a : resolveChecked(unbracket(host), port)) {
            out.add(new InetSocketAddress(a, port));
        }
        return out;
    }

    private List<InetAddress> resolveChecked(String host, int port) throws RefusedTargetException {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new RefusedTargetException(Text.of("field.webhook.unresolved", host));
        }
        if (addresses.isEmpty()) {
            throw new RefusedTargetException(Text.of("field.webhook.unresolved", host));
        }
        for (InetAddress a : addresses) {
            Optional<Text> refusal = refusal(host, a, port);
            if (refusal.isPresent()) {
                throw new RefusedTargetException(refusal.get());
            }
        }
        return List.copyOf(addresses);
    }

    private Optional<Text> refusal(String host, InetAddress address, int port) {
        boolean allowListed = allowedHosts.contains(host.toLowerCase(Locale.ROOT))
                || allowedNetworks.stream().anyMatch(n -> n.contains(address));
        if (allowListed) {
            return deniedPorts.contains(port)
                    ? Optional.of(Text.of("field.webhook.denied-port", String.valueOf(port)))
                    : Optional.empty();
        }
        return SpecialAddresses.kindOf(address)
                .map(kind -> Text.of("field.webhook.special-address", host, kind, address.getHostAddress()));
    }

    private static URI parse(String url) throws RefusedTargetException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new RefusedTargetException(Text.of("field.webhook.url"));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null
                || !("http".equals(scheme) || "https".equals(scheme))) {
            throw new RefusedTargetException(Text.of("field.webhook.url"));
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedTargetException(Text.of("field.webhook.user-info"));
        }
        return uri;
    }

    private static String host(URI uri) {
        return unbracket(uri.getHost()).toLowerCase(Locale.ROOT);
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
