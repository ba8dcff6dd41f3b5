package vn.loa.gateway.docs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's own OpenAPI document (identity endpoints). The services' documents are reached
 * through the {@code /api-docs/<service>} routes and listed side by side in the one Swagger UI
 * ({@code springdoc.swagger-ui.urls} in application.yml).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    @Bean
    OpenAPI gatewayOpenApi() {
        return new OpenAPI().info(new Info()
                .title("Loa gateway")
                .version("0.1.0")
                .description("""
                        The front door of Loa. POST /auth/token for a token, then call /api/** with \
                        'Authorization: Bearer <token>'. Operators reach a service's own operations \
                        endpoints at /ops/{plan|activity|reporting|notification}/**, rewritten to that \
                        service's /api/ops/**."""));
    }
}
