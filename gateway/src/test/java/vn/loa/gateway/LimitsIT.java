package vn.loa.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import vn.loa.testsupport.TestTokens;

/** Limits at the edge: rate per user (429 + Retry-After), body size per route (413) and page size (400). */
class LimitsIT extends GatewayITBase {

    @Test
    void answersTooManyRequestsWithRetryAfterAfterABurst() {
        // A user of its own, so its bucket is not shared with other tests (30, refilled 0.5/s in tests).
        String bearer = TestTokens.bearer(uniqueUser("burst.tester"), "COMMUNE_OFFICER", "lien-minh");
        // Enough connections that the whole burst arrives at once, whatever the backend's speed.
        ConnectionProvider connections = ConnectionProvider.builder("burst").maxConnections(120).build();
        WebClient web = WebClient.builder().baseUrl(baseUrl())
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections))).build();
        List<ResponseEntity<String>> answers = Flux.range(0, 100)
                .flatMap(i -> web.get().uri("/api/activities?page=0&size=20").header(HttpHeaders.AUTHORIZATION, bearer)
                        .exchangeToMono(response -> response.toEntity(String.class)), 100)
                .collectList().block(Duration.ofSeconds(60));
        connections.dispose();
        assertThat(Objects.requireNonNull(answers)).anySatisfy(answer ->
                assertThat(answer.getStatusCode().value()).isEqualTo(200));
        assertThat(answers).anySatisfy(answer -> {
            assertThat(answer.getStatusCode().value()).isEqualTo(429);
            assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).matches("[1-9][0-9]*");
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(answer.getBody()).contains("\"code\":\"rate-limited\"");
        });
        // Another user is not affected.
        client.get().uri("/api/activities").header(HttpHeaders.AUTHORIZATION,
                TestTokens.bearer(uniqueUser("tungchau.vhtt"), "COMMUNE_OFFICER", "tung-chau")).exchange()
                .expectStatus().isOk();
    }

    @Test
    void refusesAJsonBodyOverTheLimitWithAProblemNamingIt() {
        // Test limits (GatewayITBase): 64 KiB for JSON, 512 KiB for imports, 1 MiB for evidence.
        String json = "{\"title\":\"" + "Phát thanh ".repeat(6_000) + "\"}";
        client.post().uri("/api/activities").header(HttpHeaders.AUTHORIZATION, bearer())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://loa.gov.vn/problems/payload-too-large")
                .jsonPath("$.code").isEqualTo("payload-too-large")
                .jsonPath("$.maxBytes").isEqualTo(65536)
                .jsonPath("$.title").isEqualTo("Dữ liệu gửi lên quá lớn")
                .jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("65.536 byte (64 KiB)"));
        assertThat(ACTIVITY.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void takesALargerBodyOnTheImportRouteUpToItsOwnLimit() {
        byte[] csv = new byte[300 * 1024];
        Arrays.fill(csv, (byte) 'a');
        client.post().uri("/api/activities/import").header(HttpHeaders.AUTHORIZATION, bearer())
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv)
                .exchange()
                .expectStatus().isOk();
        byte[] tooLarge = new byte[513 * 1024];
        client.post().uri("/api/activities/import").header(HttpHeaders.AUTHORIZATION, bearer())
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(tooLarge)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.maxBytes").isEqualTo(512 * 1024);
    }

    @Test
    void takesAnEvidenceUploadUpToItsOwnLimit() {
        byte[] photo = new byte[900 * 1024];
        client.post().uri("/api/activities/a0000000-0000-4000-8000-000000000001/evidence")
                .header(HttpHeaders.AUTHORIZATION, bearer())
                .contentType(MediaType.IMAGE_JPEG).bodyValue(photo)
                .exchange()
                .expectStatus().isOk();
        client.post().uri("/api/activities/a0000000-0000-4000-8000-000000000001/evidence")
                .header(HttpHeaders.AUTHORIZATION, bearer())
                .contentType(MediaType.IMAGE_JPEG).bodyValue(new byte[1024 * 1024 + 1])
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.maxBytes").isEqualTo(1024 * 1024);
    }

    @Test
    void refusesAChunkedBodyOverTheLimit() {
        client.post().uri("/api/activities").header(HttpHeaders.AUTHORIZATION, bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Flux.range(0, 5).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[16 * 1024])),
                        DataBuffer.class)
                .exchange()
                .expectStatus().isEqualTo(413);
        assertThat(ACTIVITY.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void passesABodyUnderTheLimitIntact() {
        String csv = "title,channel\nPhát thanh về cải cách hành chính,RADIO\n";
        client.post().uri("/api/activities/import").header(HttpHeaders.AUTHORIZATION, bearer())
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv)
                .exchange()
                .expectStatus().isOk();
        assertThat(ACTIVITY.server().findAll(anyRequestedFor(anyUrl())).get(0).getBody())
                .isEqualTo(csv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void refusesAPageSizeOver200AtTheEdge() {
        client.get().uri("/api/plans?size=201").header(HttpHeaders.AUTHORIZATION, bearer()).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("validation-failed")
                .jsonPath("$.errors[0].field").isEqualTo("size");
        assertThat(PLAN.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void passesAPageSizeOf200() {
        client.get().uri("/api/plans?page=0&size=200").header(HttpHeaders.AUTHORIZATION, bearer()).exchange()
                .expectStatus().isOk();
    }

    private static String bearer() {
        return TestTokens.bearer(uniqueUser("lienminh.vhtt"), "COMMUNE_OFFICER", "lien-minh");
    }
}
