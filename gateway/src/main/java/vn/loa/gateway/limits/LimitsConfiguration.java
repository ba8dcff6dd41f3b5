package vn.loa.gateway.limits;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.server.WebFilter;

/**
 * Size checks run before Spring Security (cheap refusals first, order -200); the rate limit runs
 * after it (order -100 is Spring Security's), when the user is known.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
class LimitsConfiguration {

    @Bean
    @Order(-200)
    WebFilter requestSizeWebFilter(LimitsProperties properties) {
        return new RequestSizeWebFilter(properties);
    }

    @Bean
    @Order(-199)
    WebFilter pageSizeWebFilter(LimitsProperties properties) {
        return new PageSizeWebFilter(properties);
    }

    @Bean
    @Order(0)
    WebFilter rateLimitWebFilter(LimitsProperties properties) {
        return new RateLimitWebFilter(properties);
    }
}
