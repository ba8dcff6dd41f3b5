package vn.loa.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A test's own {@code @DynamicPropertySource} wins over the infrastructure's (e.g. a restartable broker). */
@LoaIntegrationTest(properties = "spring.application.name=override-service")
class DynamicPropertyOverrideIT {

    @DynamicPropertySource
    static void ownBroker(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "localhost:1");
        registry.add("loa.test.database", () -> "override_db");
    }

    @Autowired
    Environment environment;
    @Autowired
    KafkaConnectionDetails kafka;

    @Test
    void theTestsOwnValueWins() {
        assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("localhost:1");
        assertThat(environment.getProperty("spring.datasource.url")).endsWith("/override_db");
    }

    @Test
    void bootConnectsKafkaByTheTestsOwnPropertyNotBySharedConnectionDetails() {
        assertThat(kafka.getProducer().getBootstrapServers()).containsExactly("localhost:1");
        assertThat(kafka.getConsumer().getBootstrapServers()).containsExactly("localhost:1");
    }
}
