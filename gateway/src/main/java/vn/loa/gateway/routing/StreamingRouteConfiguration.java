package vn.loa.gateway.routing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The dashboards' server-sent events ({@code GET /api/dashboards/{code}/events}): a stream lasts as
 * long as the page is open, so this route has no circuit breaker (its time limit would cut the stream
 * after {@code loa.resilience.timeout}), no retry and no response timeout, and the response is streamed,
 * never buffered. The service sends a comment line every 20 s, so a dead stream is noticed.
 * <p>
 * Declared here rather than in application.yml because the default filters there (breaker, retry)
 * apply to every route declared there, with no way out for one. Order -1: before the
 * {@code reporting} route, whose {@code /api/dashboards/**} also matches.
 */
@Configuration(proxyBeanMethods = false)
class StreamingRouteConfiguration {

    @Bean
    RouteLocator dashboardEventsRoute(RouteLocatorBuilder routes,
                                      @Value("${loa.services.reporting.uri}") String reportingUri) {
        return routes.routes()
                .route("reporting-events", route -> route.order(-1)
                        .path("/api/dashboards/*/events").and().method(HttpMethod.GET)
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, -1)
                        .metadata("service", "reporting-service")
                        .uri(reportingUri))
                .build();
    }
}
