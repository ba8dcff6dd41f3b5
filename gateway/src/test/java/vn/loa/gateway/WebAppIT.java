package vn.loa.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The web app's files come from the gateway itself (issue 18): open without a token, with a strict
 * Content-Security-Policy, never from a service (no backend is called).
 */
class WebAppIT extends GatewayITBase {

    @Test
    void servesTheAppPageWithoutATokenUnderAStrictPolicy() {
        for (String path : new String[]{"/app", "/app/"}) {
            client.get().uri(path).exchange()
                    .expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp)
                            .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
                            .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:"))
                    .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                    .expectBody(String.class).value(html -> assertThat(html)
                            .contains("<html lang=\"vi\">", "<script type=\"module\" src=\"/app/js/main.js\">", "Đăng nhập")
                            .doesNotContain("<script>", "style=\"", "http://", "https://"));
        }
    }

    @Test
    void servesItsModulesAndStylesAsStaticFiles() {
        client.get().uri("/app/js/main.js").exchange()
                .expectStatus().isOk()
                .expectHeader().value("Content-Type", type -> assertThat(type).contains("javascript"))
                .expectHeader().value("Cache-Control", cache -> assertThat(cache).contains("no-cache"))
                .expectHeader().exists("Content-Security-Policy");
        client.get().uri("/app/js/api.js").exchange().expectStatus().isOk();
        client.get().uri("/app/app.css").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/css");
        client.get().uri("/app/js/no-such-file.js").exchange().expectStatus().isNotFound();
        BACKENDS.forEach(backend -> assertThat(backend.server().findAll(anyRequestedFor(urlPathMatching("/app.*"))))
                .as(backend.name + " reached").isEmpty());
    }
}
