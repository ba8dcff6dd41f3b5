package vn.loa.support.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.DeserializationFeature;

import java.time.Clock;
import java.time.ZoneId;

/** Problem+json for every error, strict JSON input, and the clock of Vietnamese local time. */
@AutoConfiguration
public class LoaWebAutoConfiguration {

    /** "Today" and deadlines are in Vietnam (API.md, Conventions). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    @Bean
    @ConditionalOnMissingBean
    Clock loaClock() {
        return Clock.system(ZONE);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnMissingBean(ProblemAdvice.class)
    ProblemAdvice problemAdvice() {
        return new ProblemAdvice();
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
