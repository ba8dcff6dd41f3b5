package vn.loa.gateway.auth;

import java.time.Duration;
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
import org.springframework.http.HttpStatus;
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
import vn.loa.gateway.web.ClientAddress;
import vn.loa.gateway.web.Problems;

/** The built-in issuer: password login, the public key set, and OIDC discovery for the services. */
@RestController
@ConditionalOnProperty(prefix = "loa.auth.issuer", name = "enabled", havingValue = "true", matchIfMissing = true)
@Tag(name = "Identity", description = "Tokens of the built-in issuer (switched off when an external OIDC provider is used)")
class AuthController {

    private static final Logger log = LoggerFactory.getLogger(AuthController.class);

    private final UserDirectory users;
    private final LoginThrottle throttle;
    private final TokenIssuer issuer;
    private final SigningKey key;
    private final AuthProperties properties;

    AuthController(UserDirectory users, LoginThrottle throttle, TokenIssuer issuer, SigningKey key,
                   AuthProperties properties) {
        this.users = users;
        this.throttle = throttle;
        this.issuer = issuer;
        this.key = key;
        this.properties = properties;
    }

    @PostMapping(path = "/auth/token", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Exchange a username and password for an RS256 access token",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The token"),
                    @ApiResponse(responseCode = "401", description = "Wrong username or password",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "429", description = "Too many attempts; see Retry-After",
                            content = @Content(mediaType = "application/problem+json"))})
    Mono<ResponseEntity<?>> token(@RequestBody TokenRequest request, ServerWebExchange exchange) {
        String address = ClientAddress.of(exchange);
        String username = request.username() == null ? "" : request.username();
        var locked = throttle.lockedFor(username, address);
        if (locked.isPresent()) {
            return Mono.just(tooManyFailures(locked.get()));
        }
        // BCrypt is deliberately slow: keep it off the event loop.
        return Mono.fromCallable(() -> users.authenticate(request.username(), request.password()))
                .subscribeOn(Schedulers.boundedElastic())
                .map(user -> {
                    if (user.isEmpty()) {
                        throttle.failed(username, address);
                        log.info("Refused a token for '{}' from {}", username, address);
                        return (ResponseEntity<?>) Problems.entity(HttpStatus.UNAUTHORIZED, "invalid-credentials",
                                "The username or password is wrong.");
                    }
                    throttle.succeeded(username, address);
                    return ResponseEntity.ok()
                            .header(HttpHeaders.CACHE_CONTROL, "no-store")
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(issuer.issue(user.get()));
                });
    }

    @GetMapping(path = "/auth/jwks", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The public keys that verify the tokens (JWK Set)")
    Map<String, Object> jwks() {
        return key.publicJwkSet().toJSONObject();
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
    ResponseEntity<Map<String, Object>> unreadable(ServerWebInputException e) {
        return Problems.entity(HttpStatus.BAD_REQUEST, "validation-failed",
                "The body must be JSON: {\"username\": \"...\", \"password\": \"...\"}.");
    }

    private static ResponseEntity<?> tooManyFailures(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(Problems.PROBLEM_JSON)
                .body(Problems.body(HttpStatus.TOO_MANY_REQUESTS, "too-many-login-failures",
                        "Too many wrong passwords for this user from this address; try again in " + seconds + " s."));
    }

    record TokenRequest(String username, String password) {
    }
}
