package vn.loa.messaging.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaDefaultsEnvironmentPostProcessorTests {

    private final KafkaDefaultsEnvironmentPostProcessor processor = new KafkaDefaultsEnvironmentPostProcessor();

    @Test
    void defaultsGroupIdToTheApplicationNameAndReadsValuesSafely() {
        MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name", "activity-service");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.kafka.consumer.group-id")).isEqualTo("activity-service");
        assertThat(environment.getProperty("spring.kafka.consumer.auto-offset-reset")).isEqualTo("earliest");
        assertThat(environment.getProperty("spring.kafka.consumer.value-deserializer"))
                .isEqualTo("org.springframework.kafka.support.serializer.ErrorHandlingDeserializer");
        assertThat(environment.getProperty("spring.kafka.consumer.properties.spring.deserializer.value.delegate.class"))
                .isEqualTo("org.apache.kafka.common.serialization.StringDeserializer");
        // A replica that died hands its partitions on after 15 s, not 45.
        assertThat(environment.getProperty("spring.kafka.consumer.properties.session.timeout.ms")).isEqualTo("15000");
        // No INFO line ten times a second from the health component's admin client while the brokers are away.
        assertThat(environment.getProperty("logging.level.org.apache.kafka.clients.admin.internals.AdminMetadataManager"))
                .isEqualTo("WARN");
        // A library migration added later (V0_1_1) runs on databases that have the service's V1 already.
        assertThat(environment.getProperty("spring.flyway.out-of-order")).isEqualTo("true");
    }

    @Test
    void whatTheServiceSetsWins() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.application.name", "activity-service")
                .withProperty("spring.kafka.consumer.group-id", "custom")
                .withProperty("spring.kafka.consumer.auto-offset-reset", "latest");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.kafka.consumer.group-id")).isEqualTo("custom");
        assertThat(environment.getProperty("spring.kafka.consumer.auto-offset-reset")).isEqualTo("latest");
    }
}
