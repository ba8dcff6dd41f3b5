package vn.loa.gateway.fallback;

import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.swagger.v3.oas.annotations.Hidden;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.loa.common.problem.Problem;
import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.Text;
import vn.loa.gateway.tracing.RequestThreadLocals;
import vn.loa.gateway.web.Problems;

/**
 * Where a route's circuit breaker forwards when its service failed, timed out or is known to be
 * down: 503 problem+json naming the service, instead of a connection error or a hang.
 */
@RestController
@Hidden
class FallbackController {

    private static final Logger log = LoggerFactory.getLogger(FallbackController.class);
    private static final int RETRY_AFTER_SECONDS = 5;

    /** The route's {@code metadata.service} (application.yml) names the service; the route id otherwise. */
    @RequestMapping("/fallback")
    Mono<ResponseEntity<Map<String, Object>>> unavailable(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        Object service = route == null ? null : route.getMetadata().get("service");
        return unavailable(service != null ? service.toString() : route != null ? route.getId() : "a service", exchange);
    }

    @RequestMapping("/fallback/{service}")
    Mono<ResponseEntity<Map<String, Object>>> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        // with the request's trace on this thread: the log line carries its id
        return RequestThreadLocals.with(() -> Mono.just(answer(service, exchange)));
    }

    private static ResponseEntity<Map<String, Object>> answer(String service, ServerWebExchange exchange) {
        String name = service.endsWith("-service") ? service : service + "-service";
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        String why;
        if (cause instanceof CallNotPermittedException) {
            why = "reason-open";
        }
        else if (cause instanceof TimeoutException) {
            why = "reason-timeout";
        }
        else {
            why = "reason-unreachable";
        }
        log.info("Answered 503 for {} {}: {} ({})", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                name, cause == null ? "no cause" : cause.toString());
        Map<String, Object> body = Problems.body(exchange, Problem.of(ProblemCode.SERVICE_UNAVAILABLE, "service", name,
                Text.of(ProblemCode.SERVICE_UNAVAILABLE.detailKey(why))).with("service", name));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS))
                .contentType(Problems.PROBLEM_JSON)
                .body(body);
    }
}
