package vn.loa.messaging.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.loa.testsupport.LoaInfrastructure;
import vn.loa.testsupport.LoaIntegrationTest;
import vn.loa.testsupport.RestartableKafkaBroker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A context of its own: its own broker (stopped and restarted here) and its own database. */
@LoaIntegrationTest(classes = TestMessagingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"loa.test.database=messaging_outage_it",
                // Sends fail within 3 s while the broker is away: the relay's failure path is exercised.
                "loa.messaging.outbox.send-timeout=3s"})
class KafkaOutageIT {

    static final RestartableKafkaBroker kafka = LoaInfrastructure.startRestartableKafkaBroker();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
    }

    @AfterAll
    static void closeKafka() {
        kafka.close();
    }

    @Autowired
    ThingService things;
    @Autowired
    TopicObserver observer;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void withKafkaStoppedTheRowsWaitAndAreAllPublishedWhenItReturns() {
        UUID before = things.create(UUID.randomUUID().toString(), "before the outage");
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> observer.withEventId(before).size() == 1);

        kafka.stop();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(things.create("key-" + (i % 4), "Trong lúc Kafka ngừng " + i));
        }
        // They wait (committed, not published) while the broker is away: 4 s is two of the relay's backed-off
        // attempts at the tests' 2 s max-backoff.
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> publishedCount(ids) == 0);
        assertThat(pendingCount(ids)).isEqualTo(20);

        kafka.start();
        await().ignoreExceptions().atMost(Duration.ofSeconds(90)).until(() -> publishedCount(ids) == 20);
        await().ignoreExceptions().atMost(Duration.ofSeconds(60))
                .until(() -> ids.stream().allMatch(id -> !observer.withEventId(id).isEmpty()));
        // And each had its effect once.
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> effects(id) == 1));
    }

    private int publishedCount(List<UUID> ids) {
        return count("select count(*) from outbox_event where published_at is not null and id = any(?)", ids);
    }

    private int pendingCount(List<UUID> ids) {
        return count("select count(*) from outbox_event where published_at is null and id = any(?)", ids);
    }

    private int effects(UUID id) {
        return jdbc.queryForObject("select count(*) from effect where event_id = ?", Integer.class, id);
    }

    private int count(String sql, List<UUID> ids) {
        return jdbc.queryForObject(sql, Integer.class, (Object) ids.toArray(UUID[]::new));
    }
}
