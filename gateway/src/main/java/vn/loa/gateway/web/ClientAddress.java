package vn.loa.gateway.web;

import java.net.InetSocketAddress;

import org.springframework.web.server.ServerWebExchange;

/**
 * The caller's address as the server sees it. X-Forwarded-For is honoured only when the operator
 * says a trusted proxy sets it ({@code server.forward-headers-strategy=framework}); otherwise a
 * client could pick its own rate-limit bucket.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
