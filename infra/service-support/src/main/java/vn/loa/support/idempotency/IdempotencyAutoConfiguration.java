package vn.loa.support.idempotency;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.time.Duration;

/** Idempotent creating POSTs for any service with a database (table from {@code V0_2__idempotency.sql}). */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(JdbcTemplate.class)
@ConditionalOnProperty(name = "loa.idempotency.enabled", matchIfMissing = true)
@EnableScheduling
public class IdempotencyAutoConfiguration {

    /** After Spring Security's filter chain (order -100), so the caller is known. */
    static final int FILTER_ORDER = 0;

    @Bean
    IdempotencyStore idempotencyStore(JdbcTemplate jdbc,
            @Value("${loa.idempotency.retention:PT24H}") Duration retention) {
        return new IdempotencyStore(jdbc, retention);
    }

    /**
     * @param lease longest the transaction of a request with an Idempotency-Key may sit idle before PostgreSQL
     *              ends it (and frees the key): a paused or vanished instance holds a key seconds, not hours
     */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyStore store, JsonMapper jsonMapper,
            JdbcTemplate jdbc, ObjectProvider<PlatformTransactionManager> transactionManager,
            @Value("${loa.idempotency.lease:PT30S}") Duration lease) {
        DataSource dataSource = jdbc.getDataSource();
        PlatformTransactionManager transactions = transactionManager.getIfUnique(() -> new DataSourceTransactionManager(dataSource));
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(store, jsonMapper, dataSource, transactions, lease));
        registration.setOrder(FILTER_ORDER);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
