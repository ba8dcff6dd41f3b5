package vn.loa.gateway.limits;

import java.util.List;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import vn.loa.common.problem.FieldText;
import vn.loa.common.problem.Problem;
import vn.loa.common.problem.ProblemCode;
import vn.loa.gateway.web.Problems;

/** {@code ?size=} over the maximum page size answers 400 at the edge, as every service would. */
final class PageSizeWebFilter implements WebFilter {

    private final int maxPageSize;

    PageSizeWebFilter(LimitsProperties properties) {
        this.maxPageSize = properties.maxPageSize();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        List<String> sizes = exchange.getRequest().getQueryParams().getOrDefault("size", List.of());
        for (String size : sizes) {
            if (tooLarge(size)) {
                FieldText error = FieldText.of("size", "field.page-size-max", (long) maxPageSize, size);
                return Problems.write(exchange, Problem.of(ProblemCode.VALIDATION_FAILED, "field", error.field(), error.message())
                        .withErrors(List.of(error)));
            }
        }
        return chain.filter(exchange);
    }

    private boolean tooLarge(String size) {
        try {
            return Long.parseLong(size.trim()) > maxPageSize;
        }
        catch (NumberFormatException notANumber) {
            // Not ours to judge: the service answers 400 with its own message.
            return false;
        }
    }
}
