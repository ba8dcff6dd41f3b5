package vn.loa.notification.egress;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The address ranges a webhook may not reach unless an operator allows them: IANA's special-purpose
 * registries (RFC 6890 and successors), grouped by what they mean to an operator. An IPv6 address
 * that embeds an IPv4 one (NAT64 {@code 64:ff9b::/96}) is judged by the IPv4 address inside;
 * IPv4-mapped addresses ({@code ::ffff:10.0.0.5}) arrive here as IPv4 already (the JDK maps them).
 */
final class SpecialAddresses {

    private record Range(Cidr cidr, String kind) {
    }

    private static final List<Range> RANGES = List.of(
            range("0.0.0.0/8", "unspecified"),
            range("10.0.0.0/8", "private"),
            range("100.64.0.0/10", "shared (carrier-grade NAT)"),
            range("127.0.0.0/8", "loopback"),
            range("169.254.0.0/16", "link-local (cloud metadata)"),
            range("172.16.0.0/12", "private"),
            range("192.0.0.0/24", "reserved"),
            range("192.0.2.0/24", "documentation"),
            range("192.88.99.0/24", "reserved"),
            range("192.168.0.0/16", "private"),
            range("198.18.0.0/15", "reserved"),
            range("198.51.100.0/24", "documentation"),
            range("203.0.113.0/24", "documentation"),
            range("224.0.0.0/4", "multicast"),
            range("240.0.0.0/4", "reserved"),
            range("::/128", "unspecified"),
            range("::1/128", "loopback"),
            range("::/96", "reserved"), // IPv4-compatible (deprecated)
            range("64:ff9b:1::/48", "reserved"), // local-use NAT64
            range("100::/64", "reserved"), // discard-only
            range("2001::/23", "reserved"), // IETF protocol assignments, Teredo among them
            range("2001:db8::/32", "documentation"),
            range("2002::/16", "reserved"), // 6to4: embeds an IPv4 address of any kind
            range("fc00::/7", "unique-local"),
            range("fe80::/10", "link-local"),
            range("fec0::/10", "site-local"),
            range("ff00::/8", "multicast"));

    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");

    private SpecialAddresses() {
    }

    private static Range range(String cidr, String kind) {
        return new Range(Cidr.parse(cidr), kind);
    }

    /** What kind of special address this is ("loopback", "private", …), or empty for an ordinary public one. */
    static Optional<String> kindOf(InetAddress address) {
        if (address instanceof Inet6Address && NAT64.contains(address)) {
            try {
                return kindOf(InetAddress.getByAddress(Arrays.copyOfRange(address.getAddress(), 12, 16)));
            } catch (UnknownHostException e) {
                return Optional.of("reserved");
            }
        }
        return RANGES.stream().filter(r -> r.cidr().contains(address)).map(Range::kind).findFirst();
    }
}
