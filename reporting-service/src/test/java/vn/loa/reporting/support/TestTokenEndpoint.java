package vn.loa.reporting.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import vn.loa.testsupport.TestTokens;

import java.util.Map;

/**
 * A stand-in for the gateway's {@code POST /auth/token} (the gateway is not on this service's
 * classpath): the demo users of API.md with password {@code demo}, tokens minted by test-support's
 * {@link TestTokens}, which the service accepts. The dashboard page's sign-in posts here in the
 * browser tests, as it posts to the gateway in production.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestTokenEndpoint {

    private static final Map<String, String[]> USERS = Map.of(
            "ductho.vhtt", new String[]{"DISTRICT_OFFICER", "duc-tho"},
            "lienminh.vhtt", new String[]{"COMMUNE_OFFICER", "lien-minh"},
            "tungchau.vhtt", new String[]{"COMMUNE_OFFICER", "tung-chau"},
            "hatinh.viewer", new String[]{"PROVINCE_VIEWER", "ha-tinh"});

    @Bean
    RouterFunction<ServerResponse> testTokenEndpoint() {
        // A functional route, not a @RestController: the app's component scan would pick a controller up twice.
        return RouterFunctions.route().POST("/auth/token", request -> {
            TokenRequest body = request.body(TokenRequest.class);
            String[] user = body.username() == null ? null : USERS.get(body.username());
            if (user == null || !"demo".equals(body.password())) {
                return ServerResponse.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(Map.of("status", 401, "code", "invalid-credentials",
                                "detail", "The username or password is wrong."));
            }
            return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("access_token", TestTokens.token(body.username(), user[0], user[1]),
                            "token_type", "Bearer", "expires_in", 3600));
        }).build();
    }

    record TokenRequest(String username, String password) {
    }
}
