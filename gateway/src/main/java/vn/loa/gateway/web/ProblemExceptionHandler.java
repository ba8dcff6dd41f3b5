package vn.loa.gateway.web;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Errors raised by the gateway itself (no route for a path, a method not allowed, a failure of
 * its own) as problem+json with a stable code, like the services' errors: never Boot's default
 * error page or a stack trace. Runs before Boot's handler (order -1).
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        if (keysUnavailable(error)) {
            // An external OIDC provider (or its key set) is unreachable: passing, not the gateway's fault.
            log.warn("Cannot check a token: the identity provider's keys are unavailable ({})", rootMessage(error));
            exchange.getResponse().getHeaders().set("Retry-After", "5");
            return Problems.write(exchange, Problems.body(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                    "The identity provider cannot be reached to check the token; try again shortly."));
        }
        HttpStatus status = HttpStatus.INTERNAL_SERVER_ERROR;
        if (error instanceof ResponseStatusException statusError) {
            HttpStatusCode code = statusError.getStatusCode();
            status = HttpStatus.resolve(code.value()) == null ? HttpStatus.INTERNAL_SERVER_ERROR
                    : HttpStatus.valueOf(code.value());
            exchange.getResponse().getHeaders().putAll(statusError.getHeaders());
        }
        Map<String, Object> body = switch (status) {
            case NOT_FOUND -> Problems.body(status, "not-found", notFoundDetail(exchange.getRequest().getPath().value()));
            case METHOD_NOT_ALLOWED -> Problems.body(status, "method-not-allowed",
                    exchange.getRequest().getMethod() + " is not allowed here.");
            case UNSUPPORTED_MEDIA_TYPE -> Problems.body(status, "unsupported-media-type",
                    "This content type is not accepted here.");
            case BAD_REQUEST -> Problems.body(status, "malformed-request", "The request cannot be read.");
            case INTERNAL_SERVER_ERROR -> {
                log.error("Gateway failure on {} {}", exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(), error);
                yield Problems.body(status, "internal-error", "The gateway failed; the trace id identifies the request.");
            }
            default -> Problems.body(status, status.name().toLowerCase().replace('_', '-'), status.getReasonPhrase());
        };
        return Problems.write(exchange, body);
    }

    /** The key set could not be fetched, or the provider's discovery document could not be read. */
    static boolean keysUnavailable(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            String message = String.valueOf(e.getMessage());
            if (e.getClass().getSimpleName().equals("JwtDecoderInitializationException")
                    || message.startsWith("Could not obtain the keys")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String notFoundDetail(String path) {
        if (path.startsWith("/api/ops/")) {
            // Every service has /api/ops/dead-letters: through the gateway the operator names one.
            return "Operations endpoints are per service: use /ops/{plan|activity|reporting|notification}"
                    + path.substring("/api/ops".length()) + ".";
        }
        return "No Loa API answers " + path + ".";
    }
}
