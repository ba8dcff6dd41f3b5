package vn.loa.gateway.web;

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
import vn.loa.common.problem.Problem;
import vn.loa.common.problem.ProblemCode;
import vn.loa.gateway.tracing.RequestThreadLocals;

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
        // with the request's trace on this thread: the log lines below carry its id
        return RequestThreadLocals.with(() -> answer(exchange, error));
    }

    private Mono<Void> answer(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        if (keysUnavailable(error)) {
            // An external OIDC provider (or its key set) is unreachable: passing, not the gateway's fault.
            log.warn("Cannot check a token: the identity provider's keys are unavailable ({})", rootMessage(error));
            exchange.getResponse().getHeaders().set("Retry-After", "5");
            return Problems.write(exchange, Problem.of(ProblemCode.SERVICE_UNAVAILABLE, "identity-provider"));
        }
        HttpStatus status = HttpStatus.INTERNAL_SERVER_ERROR;
        if (error instanceof ResponseStatusException statusError) {
            HttpStatusCode code = statusError.getStatusCode();
            status = HttpStatus.resolve(code.value()) == null ? HttpStatus.INTERNAL_SERVER_ERROR
                    : HttpStatus.valueOf(code.value());
            exchange.getResponse().getHeaders().putAll(statusError.getHeaders());
        }
        Problem problem = switch (status) {
            case NOT_FOUND -> notFound(exchange.getRequest().getPath().value());
            case METHOD_NOT_ALLOWED -> Problem.of(ProblemCode.METHOD_NOT_ALLOWED, "method", exchange.getRequest().getMethod().name());
            case UNSUPPORTED_MEDIA_TYPE -> Problem.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE);
            case BAD_REQUEST -> Problem.of(ProblemCode.MALFORMED_REQUEST, "unreadable");
            case INTERNAL_SERVER_ERROR -> {
                log.error("Gateway failure on {} {}", exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(), error);
                yield Problem.of(ProblemCode.INTERNAL_ERROR, "gateway");
            }
            // any other status: the catalogue's code for it (502 bad-gateway, 504 gateway-timeout, 413, …)
            default -> Problem.of(ProblemCode.forStatus(status.value()));
        };
        return Problems.write(exchange, problem);
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

    private static Problem notFound(String path) {
        if (path.startsWith("/api/ops/")) {
            // Every service has /api/ops/dead-letters: through the gateway the operator names one.
            return Problem.of(ProblemCode.NOT_FOUND, "ops-path", path.substring("/api/ops".length()));
        }
        return Problem.of(ProblemCode.NOT_FOUND, "path", path);
    }
}
