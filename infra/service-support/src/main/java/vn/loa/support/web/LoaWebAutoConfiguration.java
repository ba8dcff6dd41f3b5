package vn.loa.support.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.DeserializationFeature;

import vn.loa.common.time.LoaTime;
import java.time.ZoneId;

/**
 * Problem+json for every error (in the request's language), request body limits, strict JSON input. The clock of
 * Vietnamese local time is loa-common's ({@code LoaClockAutoConfiguration}).
 */
@AutoConfiguration
@EnableConfigurationProperties(LoaWebProperties.class)
public class LoaWebAutoConfiguration {

    /** "Today" and deadlines are in Vietnam (API.md, Conventions): loa-common's {@link LoaTime#ZONE}. */
    public static final ZoneId ZONE = LoaTime.ZONE;

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnMissingBean(ProblemAdvice.class)
    ProblemAdvice problemAdvice() {
        return new ProblemAdvice();
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class BodyLimits {

        /**
         * 413 {@code payload-too-large} past the body limits, before security and idempotency read anything. Routes a
         * service declares as {@link RouteBodyLimit} beans get their own limit for uploads.
         */
        @Bean
        @ConditionalOnMissingBean(name = "loaRequestBodyLimitFilter")
        FilterRegistrationBean<RequestBodyLimitFilter> loaRequestBodyLimitFilter(LoaWebProperties properties,
                                                                                 ObjectProvider<RouteBodyLimit> routes,
                                                                                 ObjectProvider<JsonMapper> jsonMapper) {
            FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(
                    properties.maxJsonBody().toBytes(), properties.maxImportBody().toBytes(), routes.orderedStream().toList(),
                    jsonMapper.getIfAvailable(() -> JsonMapper.builder().build())));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
            registration.addUrlPatterns("/*");
            return registration;
        }
    }

    /**
     * Unknown JSON fields are rejected (API.md). Event consumers must stay lenient to additive schema
     * changes: they read with FAIL_ON_UNKNOWN_PROPERTIES switched off explicitly.
     */
    @Bean
    JsonMapperBuilderCustomizer loaStrictJson() {
        return builder -> builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
