package vn.loa.gateway.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.loa.common.problem.Problem;
import vn.loa.common.problem.ProblemCode;
import vn.loa.gateway.tracing.RequestThreadLocals;
import vn.loa.gateway.web.ClientAddress;
import vn.loa.gateway.web.Problems;

/**
 * The built-in issuer: password sign-in, refresh, the public key set, and OIDC discovery for the
 * services.
 */
@RestController
@ConditionalOnProperty(prefix = "loa.auth.issuer", name = "enabled", havingValue = "true", matchIfMissing = true)
@Tag(name = "Identity", description = "Tokens of the built-in issuer (switched off when an external OIDC provider is used)")
class AuthController {

    private static final Logger log = LoggerFactory.getLogger(AuthController.class);

    private final UserDirectory users;
    private final LoginLimits limits;
    private final TokenIssuer issuer;
    private final KeyRing keys;
    private final AuthProperties properties;
    private final ClientAddress clientAddress;

    AuthController(UserDirectory users, LoginLimits limits, TokenIssuer issuer, KeyRing keys,
                   AuthProperties properties, ClientAddress clientAddress) {
        this.users = users;
        this.limits = limits;
        this.issuer = issuer;
        this.keys = keys;
        this.properties = properties;
        this.clientAddress = clientAddress;
    }

    @PostMapping(path = "/auth/token", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Exchange a username and password for an access token (RS256, 10 min) and a refresh token",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The tokens"),
                    @ApiResponse(responseCode = "401", description = "Wrong username or password",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "429", description = "Too many attempts; see Retry-After",
                            content = @Content(mediaType = "application/problem+json"))})
    Mono<ResponseEntity<?>> token(@RequestBody TokenRequest request, ServerWebExchange exchange) {
        // with the request's trace on this thread: the log lines carry its id (handle below does the same there)
        return RequestThreadLocals.with(() -> signIn(request, exchange));
    }

    private Mono<ResponseEntity<?>> signIn(TokenRequest request, ServerWebExchange exchange) {
        String address = clientAddress.of(exchange);
        String username = request.username() == null ? "" : request.username();
        var refused = limits.before(username, address);
        if (refused.isPresent()) {
            log.info("Refused a sign-in for '{}' from {} before checking it: {}", LoginLimits.account(username),
                    address, refused.get().reason());
            return Mono.just(tooMany(exchange, refused.get()));
        }
        // BCrypt is deliberately slow: keep it off the event loop.
        return Mono.fromCallable(() -> users.authenticate(request.username(), request.password()))
                .subscribeOn(Schedulers.boundedElastic())
                .<ResponseEntity<?>>handle((user, answer) -> {
                    if (user.isEmpty()) {
                        limits.failed(username, address);
                        log.info("Refused a token for '{}' from {}", LoginLimits.account(username), address);
                        answer.next(Problems.entity(exchange, Problem.of(ProblemCode.INVALID_CREDENTIALS)));
                        return;
                    }
                    limits.succeeded(username, address);
                    answer.next(tokens(issuer.issue(user.get())));
                });
    }

    @PostMapping(path = "/auth/refresh", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Exchange a refresh token for new tokens, without the password (until 12 h after sign-in)",
            responses = {
                    @ApiResponse(responseCode = "200", description = "New access and refresh tokens"),
                    @ApiResponse(responseCode = "401", description = "The refresh token is invalid or expired, "
                            + "or the user no longer exists: sign in again",
                            content = @Content(mediaType = "application/problem+json"))})
    Mono<ResponseEntity<?>> refresh(@RequestBody RefreshRequest request, ServerWebExchange exchange) {
        // The users file may be re-read (a blocking file access): off the event loop too.
        return Mono.fromCallable(() -> issuer.refresh(request.refreshToken(), users))
                .subscribeOn(Schedulers.boundedElastic())
                .map(tokens -> tokens.<ResponseEntity<?>>map(AuthController::tokens)
                        .orElseGet(() -> Problems.entity(exchange, Problem.of(ProblemCode.INVALID_REFRESH_TOKEN))));
    }

    @GetMapping(path = "/auth/jwks", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The public keys that verify the tokens (JWK Set; two during a key rotation)")
    Map<String, Object> jwks() {
        return keys.publicJwkSet().toJSONObject();
    }

    @GetMapping(path = "/.well-known/openid-configuration", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Discovery document, so that a service can be pointed at the gateway by issuer-uri alone")
    Map<String, Object> discovery() {
        String issuerUri = properties.issuer().uri();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuerUri);
        document.put("jwks_uri", issuerUri + "/auth/jwks");
        document.put("token_endpoint", issuerUri + "/auth/token");
        document.put("response_types_supported", List.of("token"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        return document;
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<Map<String, Object>> unreadable(ServerWebInputException e, ServerWebExchange exchange) {
        return Problems.entity(exchange, Problem.of(ProblemCode.MALFORMED_REQUEST, "token-body"));
    }

    private static ResponseEntity<?> tokens(TokenIssuer.IssuedTokens tokens) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.APPLICATION_JSON)
                .body(tokens);
    }

    private static ResponseEntity<?> tooMany(ServerWebExchange exchange, LoginLimits.Refusal refusal) {
        long seconds = Math.max(1, (refusal.waitNanos() + 999_999_999L) / 1_000_000_000L);
        return ResponseEntity.status(refusal.problem().status())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(Problems.PROBLEM_JSON)
                .body(Problems.body(exchange, Problem.of(refusal.problem(), refusal.variant(), seconds)));
    }

    record TokenRequest(String username, String password) {
    }

    record RefreshRequest(@com.fasterxml.jackson.annotation.JsonProperty("refresh_token") String refreshToken) {
    }
}
