package vn.loa.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.requestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.loa.testsupport.TestTokens;

/**
 * Every path of API.md reaches the service that owns it, with path, query and Authorization
 * header intact (a route under a wrong property prefix would be silently missing: so each one is
 * tried).
 */
class RoutingIT extends GatewayITBase {

    private static final String ID = "3f1c2a9e-6b1d-4c55-9a0e-2f6d1e7b8c90";
    private static final String BODY = "{\"title\":\"Tuyên truyền cải cách hành chính\"}";
    private final String bearer = TestTokens.bearer(uniqueUser("ductho.vhtt"), "DISTRICT_OFFICER", "duc-tho");

    static Stream<Arguments> apiPaths() {
        return Stream.of(
                // plan-service
                route("GET", "/api/org-units/lien-minh", "plan"),
                route("GET", "/api/org-units/duc-tho/children", "plan"),
                route("POST", "/api/plans", "plan"),
                route("GET", "/api/plans?orgUnit=lien-minh&year=2022&status=ISSUED", "plan"),
                route("GET", "/api/plans/" + ID, "plan"),
                route("PUT", "/api/plans/" + ID, "plan"),
                route("POST", "/api/plans/" + ID + "/issue", "plan"),
                route("POST", "/api/plans/" + ID + "/amendments", "plan"),
                route("POST", "/api/plans/" + ID + "/close", "plan"),
                route("GET", "/api/plans/" + ID + "/export?format=pdf", "plan"),
                route("POST", "/api/plans/" + ID + "/derive", "plan"),
                route("GET", "/api/plans/" + ID + "/adoption", "plan"),
                // activity-service
                route("POST", "/api/activities", "activity"),
                route("GET", "/api/activities/" + ID, "activity"),
                route("GET", "/api/activities?planId=" + ID + "&status=PLANNED&unit=noi-vu&overdue=true", "activity"),
                route("POST", "/api/activities/" + ID + "/start", "activity"),
                route("POST", "/api/activities/" + ID + "/complete", "activity"),
                route("POST", "/api/activities/" + ID + "/cancel", "activity"),
                route("POST", "/api/activities/import", "activity"),
                route("GET", "/api/evidence/lien-minh/2022-Q2.zip", "activity"),
                // reporting-service
                route("GET", "/api/periods/lien-minh/2022-Q1", "reporting"),
                route("POST", "/api/periods/duc-tho/2022-Q1/close", "reporting"),
                route("POST", "/api/periods/lien-minh/2022-Q1/reopen", "reporting"),
                route("GET", "/api/reports/lien-minh/2022-Q1", "reporting"),
                route("PUT", "/api/reports/lien-minh/2022-Q1/narrative", "reporting"),
                route("POST", "/api/reports/lien-minh/2022-Q1/submit", "reporting"),
                route("POST", "/api/reports/lien-minh/2022-Q1/approve", "reporting"),
                route("POST", "/api/reports/lien-minh/2022-Q1/return", "reporting"),
                route("GET", "/api/reports/lien-minh/2022-Q1/export?format=xlsx", "reporting"),
                route("GET", "/api/dashboards/duc-tho?period=2022-Q1", "reporting"),
                route("GET", "/dashboards/duc-tho", "reporting"),
                route("POST", "/api/ops/projections/rebuild", "reporting"),
                // notification-service
                route("GET", "/api/notifications?unread=true", "notification"),
                route("POST", "/api/notifications/" + ID + "/read", "notification"),
                route("POST", "/api/subscriptions", "notification"),
                route("GET", "/api/deliveries?status=FAILED", "notification"),
                route("POST", "/api/deliveries/" + ID + "/retry", "notification"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}-service")
    @MethodSource("apiPaths")
    void routesEachPathToItsServiceUnchanged(String method, String path, String service) {
        assertRouted(method, path, service, path);
    }

    static Stream<Arguments> opsPaths() {
        return Stream.of(
                Arguments.of("GET", "/ops/plan/dead-letters", "plan", "/api/ops/dead-letters"),
                Arguments.of("POST", "/ops/plan/dead-letters/" + ID + "/replay", "plan",
                        "/api/ops/dead-letters/" + ID + "/replay"),
                Arguments.of("GET", "/ops/activity/dead-letters?page=0&size=50", "activity",
                        "/api/ops/dead-letters?page=0&size=50"),
                Arguments.of("POST", "/ops/activity/dead-letters/" + ID + "/replay", "activity",
                        "/api/ops/dead-letters/" + ID + "/replay"),
                Arguments.of("GET", "/ops/reporting/dead-letters", "reporting", "/api/ops/dead-letters"),
                Arguments.of("POST", "/ops/reporting/projections/rebuild", "reporting", "/api/ops/projections/rebuild"),
                Arguments.of("GET", "/ops/notification/dead-letters", "notification", "/api/ops/dead-letters"),
                Arguments.of("POST", "/ops/notification/dead-letters/" + ID + "/replay", "notification",
                        "/api/ops/dead-letters/" + ID + "/replay"));
    }

    /** Every service serves /api/ops/dead-letters at the same path: /ops/{service}/** says which. */
    @ParameterizedTest(name = "{0} {1} -> {2}-service {3}")
    @MethodSource("opsPaths")
    void routesOperationsPathsToTheNamedServiceRewritten(String method, String path, String service,
                                                         String servicePath) {
        assertRouted(method, path, service, servicePath);
    }

    @Test
    void servesEachServiceOpenApiDocumentThroughItsRoute() {
        for (Backend backend : BACKENDS) {
            client.get().uri("/api-docs/" + backend.name).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.service").isEqualTo(backend.name);
            assertThat(backend.server().findAll(requestedFor("GET", urlEqualTo("/v3/api-docs")))).hasSize(1);
        }
    }

    @Test
    void passesTheTraceToTheServiceAndReturnsItToTheCaller() {
        HttpHeaders response = client.get().uri("/api/plans/" + ID).header(HttpHeaders.AUTHORIZATION, bearer)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueMatches("traceparent", "00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]")
                .expectHeader().valueMatches("X-Trace-Id", "[0-9a-f]{32}")
                .returnResult(String.class).getResponseHeaders();
        String traceId = response.getFirst("X-Trace-Id");
        LoggedRequest received = PLAN.server().findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(received.getHeader("traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-0[01]");
    }

    @Test
    void continuesTheCallersTrace() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        client.get().uri("/api/plans/" + ID).header(HttpHeaders.AUTHORIZATION, bearer)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Trace-Id", traceId);
        PLAN.server().verify(anyRequestedFor(anyUrl()).withHeader("traceparent", matching("00-" + traceId + "-.*")));
    }

    @Test
    void answersNotFoundForAPathNoServiceOwns() {
        client.get().uri("/api/nothing-here").header(HttpHeaders.AUTHORIZATION, bearer).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("not-found");
        BACKENDS.forEach(backend -> assertThat(backend.server().getAllServeEvents()).isEmpty());
    }

    @Test
    void pointsAnOperatorAtTheServiceNamedOpsPaths() {
        client.get().uri("/api/ops/dead-letters").header(HttpHeaders.AUTHORIZATION, bearer).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").value(String.class,
                        detail -> assertThat(detail).contains("/ops/{plan|activity|reporting|notification}/dead-letters"));
    }

    private void assertRouted(String method, String path, String service, String servicePath) {
        WebTestClient.RequestBodySpec request = client.method(HttpMethod.valueOf(method)).uri(path)
                .header(HttpHeaders.AUTHORIZATION, bearer);
        WebTestClient.RequestHeadersSpec<?> ready = method.equals("GET") ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(BODY);
        ready.exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo(service);
        for (Backend backend : BACKENDS) {
            if (backend.name.equals(service)) {
                backend.server().verify(1, requestedFor(method, urlEqualTo(servicePath))
                        .withHeader(HttpHeaders.AUTHORIZATION, equalTo(bearer)));
            }
            else {
                assertThat(backend.server().getAllServeEvents()).as("requests reaching %s", backend.name).isEmpty();
            }
        }
        if (!method.equals("GET")) {
            LoggedRequest received = BACKENDS.stream().filter(b -> b.name.equals(service)).findFirst().orElseThrow()
                    .server().findAll(anyRequestedFor(anyUrl())).get(0);
            assertThat(received.getBodyAsString()).isEqualTo(BODY);
        }
    }

    private static Arguments route(String method, String path, String service) {
        return Arguments.of(method, path, service);
    }
}
