package vn.loa.gateway.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The caller's address for per-address limits. The TCP peer, unless the peer is one of the
 * operator's trusted proxies ({@code loa.gateway.trusted-proxies}, CIDRs): then the rightmost
 * address of {@code X-Forwarded-For} that is not itself a trusted proxy. Entries left of that are
 * whatever the client wrote and are never believed; with no trusted proxy configured the header
 * is ignored altogether, so a client cannot pick its own rate-limit bucket.
 * <p>
 * Only IP literals are parsed (never a name lookup: no blocking call on the request path), and
 * the answer is kept on the exchange, so the work is done once per request.
 */
public final class ClientAddress {

    private static final String ATTRIBUTE = ClientAddress.class.getName();
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final List<Cidr> trusted;

    public ClientAddress(List<String> trustedProxies) {
        List<Cidr> cidrs = new ArrayList<>();
        for (String cidr : trustedProxies == null ? List.<String>of() : trustedProxies) {
            if (cidr != null && !cidr.isBlank()) {
                cidrs.add(Cidr.parse(cidr.trim()));
            }
        }
        this.trusted = List.copyOf(cidrs);
    }

    /** The address the limits count for this request. */
    public String of(ServerWebExchange exchange) {
        String known = exchange.getAttribute(ATTRIBUTE);
        if (known != null) {
            return known;
        }
        String address = resolve(exchange.getRequest());
        exchange.getAttributes().put(ATTRIBUTE, address);
        return address;
    }

    boolean trusts(InetAddress address) {
        for (Cidr cidr : trusted) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private String resolve(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        InetAddress peer = remote.getAddress();
        if (peer == null) {
            return remote.getHostString();
        }
        if (trusted.isEmpty() || !trusts(peer)) {
            return peer.getHostAddress();
        }
        List<String> forwarded = request.getHeaders().get("X-Forwarded-For");
        if (forwarded == null || forwarded.isEmpty()) {
            return peer.getHostAddress();
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwarded) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        String leftmostTrusted = peer.getHostAddress();
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                // Not an address: what a trusted proxy appends always is, so this came from the client side.
                return leftmostTrusted;
            }
            if (!trusts(hop)) {
                return hop.getHostAddress();
            }
            leftmostTrusted = hop.getHostAddress();
        }
        return leftmostTrusted;
    }

    /** An IP literal (optionally with a port or in brackets), or null; never a DNS lookup. */
    static InetAddress literal(String text) {
        String value = text;
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            if (end < 0) {
                return null;
            }
            value = value.substring(1, end);
        }
        else if (value.indexOf(':') > 0 && value.indexOf(':') == value.lastIndexOf(':') && value.contains(".")) {
            value = value.substring(0, value.indexOf(':')); // 203.0.113.7:51234
        }
        try {
            if (IPV4.matcher(value).matches()) {
                return InetAddress.getByName(value);
            }
            if (value.contains(":") && IPV6.matcher(value).matches()) {
                return InetAddress.getByName(value); // a string with ':' is parsed as an IPv6 literal, never looked up
            }
        }
        catch (UnknownHostException notAnAddress) {
            return null;
        }
        return null;
    }

    /** An address block, e.g. {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a block of one. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            InetAddress parsed = literal(address);
            if (parsed == null) {
                throw new IllegalArgumentException("loa.gateway.trusted-proxies: '" + text
                        + "' is not an address or CIDR block (e.g. 10.0.0.0/8, 192.168.1.10, fd00::/8)");
            }
            byte[] bytes = parsed.getAddress();
            int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1).trim());
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("loa.gateway.trusted-proxies: bad prefix length in '" + text + "'");
            }
            return new Cidr(bytes, prefix);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (bytes[full] & mask) == (network[full] & mask);
        }
    }
}
