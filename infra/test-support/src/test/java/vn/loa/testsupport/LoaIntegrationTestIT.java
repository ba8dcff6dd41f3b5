package vn.loa.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;

/** A Spring Boot application under {@code @LoaIntegrationTest} gets its own database and the shared broker. */
@LoaIntegrationTest(properties = {
        "spring.application.name=sample-service",
        "spring.kafka.consumer.auto-offset-reset=earliest",
        "spring.kafka.consumer.group-id=sample-service"})
class LoaIntegrationTestIT {

    static final String TOPIC = "loa-sample-events";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    BlockingQueue<String> received;

    @Value("${spring.security.oauth2.resourceserver.jwt.public-key-location}")
    String publicKeyLocation;

    @Value("${loa.security.issuer}")
    String issuer;

    @Value("${loa.security.audience}")
    String audience;

    @Test
    void theApplicationHasADatabaseOfItsOwnOnTheSharedPostgres() {
        assertThat(jdbc.queryForObject("select current_database()", String.class)).isEqualTo("sample_service");
        assertThat(jdbc.queryForObject("select 'Xã Liên Minh'", String.class)).isEqualTo("Xã Liên Minh");
    }

    @Test
    void theApplicationSendsAndReceivesOnTheSharedBroker() throws Exception {
        kafka.send(TOPIC, "lien-minh", "Truyền thanh xã: phát 12 tin bài").get(30, TimeUnit.SECONDS);
        await().ignoreExceptions().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(received).contains("Truyền thanh xã: phát 12 tin bài"));
    }

    @Test
    void tokenValidationPropertiesPointAtTheTestKey() {
        assertThat(publicKeyLocation).isEqualTo("classpath:test-only-keys/loa-test-jwt-public.pem");
        assertThat(issuer).isEqualTo("loa-test");
        assertThat(audience).isEqualTo("loa");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Listener {

        @Bean
        BlockingQueue<String> received() {
            return new LinkedBlockingQueue<>();
        }

        @Bean
        Object sampleListener(BlockingQueue<String> received) {
            return new Object() {
                @KafkaListener(topics = TOPIC)
                void on(ConsumerRecord<String, String> record) {
                    received.add(record.value());
                }
            };
        }
    }
}
