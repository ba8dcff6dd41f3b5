package vn.loa.messaging.it;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.loa.testsupport.LoaIntegrationTest;

import java.util.UUID;

/** The test application on a real PostgreSQL and a real Kafka broker, one context for all ITs. */
@LoaIntegrationTest(classes = TestMessagingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class MessagingIntegrationTest {

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
