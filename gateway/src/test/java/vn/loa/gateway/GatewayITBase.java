package vn.loa.gateway;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One gateway context for every IT class (same configuration, so Spring caches it), in front of
 * one stand-in per service. The backends are only URIs to the gateway: the end-to-end tier can
 * start the real services in-process (their plain jars as test dependencies) and register their
 * URIs here instead of WireMock's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "loa.resilience.timeout=3s",
        "loa.resilience.wait-in-open-state=2s",
        "loa.resilience.calls-in-half-open-state=2",
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1500ms",
        // Smaller body limits than the real ones (256 KiB, imports 10 MiB, evidence 20 MiB), same rules.
        "loa.limits.max-body-size=64KB",
        // (A list in a higher source replaces the whole list: every entry in full.)
        "loa.limits.body-routes[0].method=POST",
        "loa.limits.body-routes[0].path=/api/activities/import",
        "loa.limits.body-routes[0].max-size=512KB",
        "loa.limits.body-routes[1].method=POST",
        "loa.limits.body-routes[1].path=/api/activities/{id}/evidence",
        "loa.limits.body-routes[1].max-size=1MB",
        "loa.limits.per-user.capacity=30",
        "loa.limits.per-user.refill-per-second=0.5",
        // Sign-in limits small enough to reach in a test, refilled slowly enough not to refill during one.
        "loa.auth.login.max-failures=3",
        "loa.auth.login.lockout=60s",
        "loa.auth.login.account-failures=6",
        "loa.auth.login.account-failures-refill=1h",
        "loa.auth.login.address-failures=8",
        "loa.auth.login.address-failures-refill=1h",
        "loa.auth.login.address-attempts=40",
        "loa.auth.login.address-attempts-refill=1m",
        // The demo users (API.md) and an office of thirty behind one address.
        "loa.demo-data.enabled=true",
        "loa.auth.users-file=classpath:office-users.yml",
        // The next key of a rotation: published and accepted, not signing.
        "loa.auth.additional-key-files=src/test/resources/test-only-next-key.pem",
        // The gateway has no database and no broker; test-support brings their starters along.
        "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                + "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        // The test client is the trusted proxy: tests play distinct client addresses with X-Forwarded-For.
        "loa.gateway.trusted-proxies=127.0.0.1/32,::1/128"})
abstract class GatewayITBase {

    static final Backend PLAN = new Backend("plan");
    static final Backend ACTIVITY = new Backend("activity");
    static final Backend REPORTING = new Backend("reporting");
    static final Backend NOTIFICATION = new Backend("notification");
    static final List<Backend> BACKENDS = List.of(PLAN, ACTIVITY, REPORTING, NOTIFICATION);

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        for (Backend backend : BACKENDS) {
            registry.add("loa.services." + backend.name + ".uri", backend::uri);
        }
        registry.add("loa.auth.signing-key", TestKeys::signingKeyPem);
        registry.add("loa.auth.issuer.uri", () -> TestKeys.ISSUER);
    }

    private static final AtomicInteger USERS = new AtomicInteger();

    /**
     * A user name of its own for one test, so that its rate-limit bucket (small in tests, so that
     * a burst is refused even on a slow machine) is not drained by another test.
     */
    static String uniqueUser(String prefix) {
        return prefix + "." + USERS.incrementAndGet();
    }

    @LocalServerPort
    int port;

    @Autowired
    ReactiveResilience4JCircuitBreakerFactory breakers;

    WebTestClient client;

    private static boolean warmedUp;

    @BeforeEach
    void resetBackendsAndBreakers() {
        client = WebTestClient.bindToServer().baseUrl(baseUrl()).responseTimeout(Duration.ofSeconds(30)).build();
        warmUp();
        BACKENDS.forEach(Backend::reset);
        breakers.getCircuitBreakerRegistry().getAllCircuitBreakers()
                .forEach(io.github.resilience4j.circuitbreaker.CircuitBreaker::reset);
    }

    /**
     * The first call through a fresh gateway loads classes and opens connections; on a busy
     * machine that can take longer than the time limit the tests set, so it is done once here.
     */
    private void warmUp() {
        if (warmedUp) {
            return;
        }
        for (Backend backend : BACKENDS) {
            for (int i = 0; i < 3; i++) {
                client.get().uri("/api-docs/" + backend.name).exchange().expectBody().returnResult();
            }
        }
        warmedUp = true;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }
}
