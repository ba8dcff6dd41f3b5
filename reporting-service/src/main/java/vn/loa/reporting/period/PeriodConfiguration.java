package vn.loa.reporting.period;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PeriodProperties.class)
class PeriodConfiguration {

    @Bean
    PeriodCalendar periodCalendar(PeriodProperties properties) {
        return properties.toCalendar();
    }
}
