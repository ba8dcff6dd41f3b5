package vn.loa.support.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.env.Environment;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Matches requests that came in on the separate management port ({@code management.server.port},
 * env {@code MANAGEMENT_SERVER_PORT}), where the actuator lives when an operator moves it off the
 * service's API port: no gateway route and no ingress leads there, so the port itself is the
 * boundary (NetworkPolicy lets Prometheus and the kubelet in). Unset or equal to the server port: never.
 */
final class ManagementPort implements RequestMatcher {

    private final Environment environment;
    private volatile int port = -1;

    ManagementPort(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        int management = port();
        return management > 0 && request.getLocalPort() == management;
    }

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
        // 0 = a random port (tests): the real one is known once the management server is up.
        Integer actual = configured != 0 ? configured : environment.getProperty("local.management.port", Integer.class);
        if (actual == null) {
            return 0;
        }
        port = actual;
        return actual;
    }
}
