package vn.loa.gateway.app;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

import java.nio.charset.StandardCharsets;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * The officials' web app (issue 18): static files under {@code classpath:/static/app/}, served by
 * WebFlux's resource handling like any static resource (no second back end; the app calls the same
 * {@code /auth/*} and {@code /api/**} as everyone). {@code GET /app} and {@code /app/} answer its one
 * page; the screens are hash routes, so no other path needs a fallback. Open without a token (the
 * security chain permits everything that is not {@code /api/**}, {@code /ops/**} or the actuator):
 * the page holds no data, every figure is fetched with the signed-in user's token.
 */
@Configuration(proxyBeanMethods = false)
class WebAppConfiguration {

    /**
     * Scripts, styles and images only from the gateway itself, nothing inline, no framing; images also
     * from {@code blob:} (evidence thumbnails are fetched with the token and shown from a Blob).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' blob: data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final Resource INDEX = new ClassPathResource("static/app/index.html");

    @Bean
    RouterFunction<ServerResponse> webAppPage() {
        return RouterFunctions.route(GET("/app").or(GET("/app/")), request -> ServerResponse.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .bodyValue(INDEX));
    }

    /**
     * The app's headers on the page and on every file under {@code /app/}: the CSP above, no referrer,
     * and {@code no-cache} (revalidated by Last-Modified each time, so a new release is picked up at once
     * without versioned file names: the files are small and the app has no build step).
     */
    @Bean
    WebFilter webAppHeaders() {
        return (exchange, chain) -> {
            String p = exchange.getRequest().getPath().pathWithinApplication().value();
            if (p.equals("/app") || p.startsWith("/app/")) {
                exchange.getResponse().beforeCommit(() -> {
                    HttpHeaders headers = exchange.getResponse().getHeaders();
                    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                    headers.set("Referrer-Policy", "no-referrer");
                    headers.setCacheControl(CacheControl.noCache());
                    return reactor.core.publisher.Mono.empty();
                });
            }
            return chain.filter(exchange);
        };
    }
}
