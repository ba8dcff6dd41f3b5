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
 * <p>
 * The same for downloads that may take long: a quarter's evidence as one ZIP ({@code GET /api/evidence/{orgUnit}/{period}.zip},
 * streamed by activity-service, object after object) and one evidence file (up to 20 MiB): the breaker's time limit
 * would cut them on a slow link. Their first bytes come as fast as any answer, so they keep the response timeout.
 */
@Configuration(proxyBeanMethods = false)
class StreamingRouteConfiguration {

    @Bean
    RouteLocator dashboardEventsRoute(RouteLocatorBuilder routes,
                                      @Value("${loa.services.reporting.uri}") String reportingUri,
                                      @Value("${loa.services.activity.uri}") String activityUri) {
        return routes.routes()
                .route("reporting-events", route -> route.order(-1)
                        .path("/api/dashboards/*/events").and().method(HttpMethod.GET)
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, -1)
                        .metadata("service", "reporting-service")
                        .uri(reportingUri))
                .route("activity-downloads", route -> route.order(-1)
                        .path("/api/evidence/**", "/api/activities/*/evidence/*").and().method(HttpMethod.GET)
                        .metadata("service", "activity-service")
                        .uri(activityUri))
                .build();
    }
}
