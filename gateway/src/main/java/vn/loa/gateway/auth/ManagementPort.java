package vn.loa.gateway.auth;

import java.net.InetSocketAddress;

import org.springframework.core.env.Environment;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Whether a request came in on the separate management port ({@code management.server.port},
 * env {@code MANAGEMENT_SERVER_PORT}), where the actuator lives when an operator moves it off the
 * routed port. Unset or equal to the server port: never.
 */
@Component
class ManagementPort {

    private final Environment environment;
    private volatile int port = -1;

    ManagementPort(Environment environment) {
        this.environment = environment;
    }

    Mono<MatchResult> matches(ServerWebExchange exchange) {
        int management = port();
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        return management > 0 && local != null && local.getPort() == management ? MatchResult.match()
                : MatchResult.notMatch();
    }

    /** Known once the management server is up (0 = random in tests, the real one is local.management.port). */
    private int port() {
        int known = port;
        if (known >= 0) {
            return known;
        }
        Integer configured = environment.getProperty("management.server.port", Integer.class);
        Integer server = environment.getProperty("server.port", Integer.class, 8080);
        if (configured == null || configured < 0 || configured.equals(server) && configured != 0) {
            port = 0;
            return 0;
        }
        Integer actual = environment.getProperty("local.management.port", Integer.class);
        if (actual == null) {
            return 0; // not started yet: ask again next time
        }
        port = actual;
        return actual;
    }
}
