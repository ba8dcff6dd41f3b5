package vn.loa.messaging.it;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import vn.loa.messaging.outbox.OutboxMonitor;
import vn.loa.messaging.outbox.OutboxRelay;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14, item 3 (and its fault proof): the relay thread is killed; the {@code outbox} health component,
 * which watches it from outside, says so while the liveness and readiness groups stay UP; events committed
 * meanwhile wait; a restart of the relay drains them, each delivered and applied once.
 */
class OutboxHealthIT extends MessagingIntegrationTest {

    @Autowired
    OutboxRelay relay;
    @Autowired
    DataSource dataSource;
    @LocalServerPort
    int port;

    @Test
    void aKilledRelayShowsInTheHealthWithoutFailingTheProbesAndARestartDrainsTheOutbox() {
        await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(outbox().path("status").asString()));

        Thread relayThread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("loa-outbox-relay") && t.isAlive()).findFirst().orElseThrow();
        relayThread.interrupt(); // killed from outside: the loop ends, nothing restarts it
        await().atMost(Duration.ofSeconds(15)).until(() -> !relayThread.isAlive());
        assertThat(relay.isThreadAlive()).isFalse();

        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(things.create("health-" + (i % 5), "Trong lúc bộ chuyển tiếp ngừng " + i));
        }
        JsonNode down = outbox();
        assertThat(down.path("status").asString()).isEqualTo("DOWN");
        assertThat(down.at("/details/relay").asString()).isEqualTo("thread dead");
        assertThat(down.at("/details/problems").toString()).contains("relay thread of this instance is dead");
        // Neither probe group includes it: Kubernetes neither kills the replicas nor takes them out of service.
        assertThat(http().get().uri("/actuator/health/liveness").retrieve().body(JsonNode.class).path("status").asString())
                .isEqualTo("UP");
        assertThat(http().get().uri("/actuator/health/readiness").retrieve().body(JsonNode.class).path("status").asString())
                .isEqualTo("UP");
        assertThat(http().get().uri("/actuator/prometheus").retrieve().body(String.class)).contains("loa_outbox_relay_alive 0.0");
        // The rows wait: nothing publishes them.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> publishedCount(ids) == 0);
        // The oldest waiting row's age is what a stuck relay in another instance would show: judged from the table.
        OutboxMonitor strict = new OutboxMonitor(dataSource, null,
                new OutboxMonitor.Thresholds(Duration.ofSeconds(1), Duration.ofMinutes(2)), Duration.ZERO, Clock.systemUTC());
        OutboxMonitor.Verdict stale = strict.verdict();
        assertThat(stale.healthy()).isFalse();
        assertThat(stale.details().get("problems").toString()).contains("oldest row waiting to be sent");
        assertThat((Long) stale.details().get("pending")).isGreaterThanOrEqualTo(50);

        relay.start();
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> publishedCount(ids) == ids.size());
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> effectCount(ids) == ids.size());
        await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(outbox().path("status").asString()));
        Map<String, Long> copies = observer.records.stream().map(r -> TopicObserver.header(r, "ce_id"))
                .filter(id -> id != null && ids.contains(UUID.fromString(id)))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        long duplicates = copies.values().stream().mapToLong(n -> n - 1).sum();
        System.out.printf("RELAY KILLED: committed while dead=%d, published after restart=%d, received=%d (distinct),"
                + " duplicates=%d, applied=%d%n", ids.size(), publishedCount(ids), copies.size(), duplicates, effectCount(ids));
        assertThat(copies).hasSize(ids.size());
        assertThat(duplicates).isZero();
        assertThat(effectCount(ids)).isEqualTo(ids.size());
    }

    private JsonNode outbox() {
        // 503 when DOWN: read the body whatever the status.
        JsonNode health = http().get().uri("/actuator/health")
                .exchange((request, response) -> response.bodyTo(JsonNode.class));
        return health.at("/components/outbox");
    }

    private RestClient http() {
        return RestClient.builder().baseUrl("http://localhost:" + port).build();
    }

    private int publishedCount(List<UUID> ids) {
        return jdbc.queryForObject("select count(*) from outbox_event where published_at is not null and id = any(?)",
                Integer.class, (Object) ids.toArray(UUID[]::new));
    }

    private int effectCount(List<UUID> ids) {
        return jdbc.queryForObject("select count(*) from effect where event_id = any(?)", Integer.class,
                (Object) ids.toArray(UUID[]::new));
    }
}
