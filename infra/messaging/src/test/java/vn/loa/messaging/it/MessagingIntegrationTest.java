package vn.loa.messaging.it;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

/** The test application on a real PostgreSQL and a real Kafka broker, one context for all ITs. */
@SpringBootTest(classes = TestMessagingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class MessagingIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfra.register(registry);
    }

    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected ThingService things;
    @Autowired
    protected ThingListener listener;
    @Autowired
    protected TopicObserver observer;

    protected int effectsOf(UUID eventId) {
        return jdbc.queryForObject("select count(*) from effect where event_id = ?", Integer.class, eventId);
    }

    protected boolean published(UUID eventId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select published_at is not null from outbox_event where id = ?", Boolean.class, eventId));
    }

    protected int outboxRows(UUID eventId) {
        return jdbc.queryForObject("select count(*) from outbox_event where id = ?", Integer.class, eventId);
    }
}
