package vn.loa.messaging.it;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.loa.testsupport.LoaIntegrationTest;

import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * With polling as good as off (one look an hour), committed events are still relayed at once:
 * the relay is woken by PostgreSQL LISTEN/NOTIFY.
 */
@LoaIntegrationTest(classes = TestMessagingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"loa.test.database=messaging_notify_it", "loa.messaging.outbox.poll-interval=1h"})
class NotifyWakeUpIT {

    @Autowired
    ThingService things;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCommitWakesTheRelayWithoutPolling() {
        for (int i = 0; i < 3; i++) {
            UUID eventId = things.create(UUID.randomUUID().toString(), "woken " + i);
            await().ignoreExceptions().atMost(Duration.ofSeconds(15)).until(() -> Boolean.TRUE.equals(jdbc.queryForObject(
                    "select published_at is not null from outbox_event where id = ?", Boolean.class, eventId)));
        }
    }
}
