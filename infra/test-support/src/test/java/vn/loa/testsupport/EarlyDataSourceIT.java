package vn.loa.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A DataSource needed early in the context's refresh (as an embedded web server's filters need it, before
 * property registrars have run) still reaches the application's own database on the shared server.
 */
@LoaIntegrationTest(properties = "spring.application.name=early-service", classes = {TestApplication.class, EarlyDataSourceIT.EarlyUser.class})
class EarlyDataSourceIT {

    @Autowired
    EarlyUser.DatabaseSeenEarly seen;
    @Autowired
    JdbcConnectionDetails jdbc;
    @Autowired
    KafkaConnectionDetails kafka;

    @Test
    void aDataSourceCreatedBeforeThePropertyRegistrarsRunReachesTheApplicationsDatabase() {
        assertThat(seen.name()).isEqualTo("early_service");
    }

    @Test
    void bootsConnectionDetailsPointAtTheSharedInfrastructure() {
        assertThat(jdbc.getJdbcUrl()).endsWith("/early_service");
        assertThat(String.join(",", kafka.getBootstrapServers())).isEqualTo(LoaInfrastructure.kafkaBootstrapServers());
        assertThat(String.join(",", kafka.getProducer().getBootstrapServers())).isEqualTo(LoaInfrastructure.kafkaBootstrapServers());
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class EarlyUser {

        record DatabaseSeenEarly(String name) {
        }

        /** Bean post-processors are created before any registrar runs: this one uses the database right away. */
        @Bean
        static BeanPostProcessor earlyDatabaseUser(DataSource dataSource) {
            String name = new JdbcTemplate(dataSource).queryForObject("select current_database()", String.class);
            return new Holder(new DatabaseSeenEarly(name));
        }

        @Bean
        static DatabaseSeenEarly databaseSeenEarly(BeanPostProcessor earlyDatabaseUser) {
            return ((Holder) earlyDatabaseUser).seen();
        }

        record Holder(DatabaseSeenEarly seen) implements BeanPostProcessor {
        }
    }
}
