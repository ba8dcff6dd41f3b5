package vn.loa.reporting.projection;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import vn.loa.messaging.Topics;
import vn.loa.reporting.ReportingIntegrationTest;
import vn.loa.reporting.support.Activity;
import vn.loa.reporting.support.Plans;
import vn.loa.reporting.support.TestEvents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The activity listener takes a poll's records as one batch (one transaction, set-based statements). Each test
 * stops the listener, publishes its records (one plan: one key, one partition, in this order), and starts it again,
 * so that they arrive in one poll: a batch. What must hold: a record that cannot be applied goes to the dead letters
 * without blocking the batch or losing its neighbours, and a redelivered batch counts once.
 */
class ActivityBatchesIT extends ReportingIntegrationTest {

    static final List<String> PATH = List.of("ha-tinh", "bat-district", "bat-commune");
    static final String LISTENER = "reporting-activity-projection";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    UUID plan;

    @BeforeEach
    void communeAndPlan() {
        TestEvents ev = events();
        UUID district = ev.orgUnit("bat-district", "Huyện Thử lô", "DISTRICT", "ha-tinh", "bat-district");
        UUID commune = ev.orgUnit("bat-commune", "Xã Thử lô", "COMMUNE", PATH.toArray(String[]::new));
        plan = UUID.randomUUID();
        UUID issued = ev.send(Topics.PLAN_EVENTS, plan.toString(), "plan-issued", plan.toString(), Plans.plan(plan, 1,
                "bat-commune", PATH, 2022, List.of(Plans.target("T1", "Phát thanh CCHC", "COUNT", 12, null, "RADIO",
                        "van-hoa-thong-tin")), List.of("RADIO"), 4_000_000));
        // Their own listeners bump the district's version too: applied before a test counts versions.
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                        "select count(*) from processed_event where event_id = any(:ids::uuid[])")
                .param("ids", new UUID[]{district, commune, issued}).query(Long.class).single() == 3);
    }

    @AfterEach
    void listenerRunning() {
        container().start();
    }

    @Test
    void aRecordThatIsNotAnEventInTheMiddleOfABatchIsDeadLetteredAndItsNeighboursAreApplied() {
        String poison = "{\"not\": \"an envelope\", \"id\": " + UUID.randomUUID().hashCode();
        List<Activity> activities = activities(4);
        List<UUID> events = new ArrayList<>();
        long completedBefore = completed();

        inOneBatch(() -> {
            TestEvents ev = events();
            events.add(complete(ev, activities.get(0)));
            events.add(complete(ev, activities.get(1)));
            ev.sendRaw(Topics.ACTIVITY_EVENTS, plan.toString(), poison);
            events.add(complete(ev, activities.get(2)));
            events.add(complete(ev, activities.get(3)));
        });

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(applied(activities)).as("every neighbour of the poison record").hasSize(4);
            assertThat(jdbc.sql("select count(*) from dead_letter where payload = :p").param("p", poison)
                    .query(Long.class).single()).as("the poison record, dead-lettered").isEqualTo(1);
        });
        assertThat(inbox(events)).as("each event recorded once").containsOnly(1L).hasSize(4);
        assertThat(completed() - completedBefore).isEqualTo(4);
    }

    @Test
    void anEventTheDatabaseRefusesInTheMiddleOfABatchIsDeadLetteredAndItsNeighboursAreApplied() {
        List<Activity> activities = activities(5);
        Activity refused = activities.get(2);
        List<UUID> events = new ArrayList<>();
        UUID[] refusedEvent = new UUID[1];
        long completedBefore = completed();

        inOneBatch(() -> {
            TestEvents ev = events();
            events.add(complete(ev, activities.get(0)));
            events.add(complete(ev, activities.get(1)));
            // A well-formed event that PostgreSQL cannot store: text with a NUL character. The whole batch's
            // transaction fails on it; the batch is narrowed down to it.
            Map<String, Object> data = new LinkedHashMap<>(refused.completed("2022-02-10", 1, 10L, 0L));
            data.put("title", "Phát thanh\u0000CCHC");
            refusedEvent[0] = ev.send(Topics.ACTIVITY_EVENTS, plan.toString(), "activity-completed",
                    refused.id().toString(), data);
            events.add(complete(ev, activities.get(3)));
            events.add(complete(ev, activities.get(4)));
        });

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(applied(activities)).as("every neighbour of the refused event")
                    .containsExactlyInAnyOrder(activities.get(0).id(), activities.get(1).id(), activities.get(3).id(),
                            activities.get(4).id());
            assertThat(jdbc.sql("select count(*) from dead_letter where event_id = :id")
                    .param("id", refusedEvent[0].toString()).query(Long.class).single()).isEqualTo(1);
        });
        assertThat(inbox(events)).as("each event recorded once").containsOnly(1L).hasSize(4);
        assertThat(inbox(List.of(refusedEvent[0]))).as("the refused one not at all").isEmpty();
        assertThat(completed() - completedBefore).isEqualTo(4);
    }

    @Test
    void aRedeliveredBatchChangesNothingAndAMixedOneCountsOnlyItsNewEvents() {
        List<Activity> activities = activities(4);
        List<UUID> events = new ArrayList<>();
        long completedBefore = completed();
        inOneBatch(() -> activities.subList(0, 3).forEach(a -> events.add(complete(events(), a))));
        await().atMost(Duration.ofSeconds(60)).until(() -> applied(activities).size() == 3);
        List<Map<String, Object>> tallies = tallies();
        long version = version();

        // The same events again (a redelivery after a lost offset commit): absorbed by the inbox, nothing moves,
        // not even the dashboards' version (their ETags stay valid).
        inOneBatch(() -> {
            for (int i = 0; i < 3; i++) {
                complete(events(), activities.get(i), events.get(i));
            }
        });
        // Then a batch that mixes the redeliveries with a new event: only the new one counts.
        inOneBatch(() -> {
            complete(events(), activities.get(0), events.get(0));
            events.add(complete(events(), activities.get(3)));
            complete(events(), activities.get(1), events.get(1));
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> applied(activities).size() == 4);

        assertThat(inbox(events)).containsOnly(1L).hasSize(4);
        assertThat(completed() - completedBefore).isEqualTo(4);
        assertThat(version()).as("one bump, for the batch with the new event").isEqualTo(version + 1);
        assertThat(tallies()).isNotEqualTo(tallies);
    }

    // ------------------------------------------------------------------ helpers

    private MessageListenerContainer container() {
        return listeners.getListenerContainer(LISTENER);
    }

    /** The listener stopped while the records are published, so that the first poll after it starts takes them all. */
    private void inOneBatch(Runnable publish) {
        container().stop();
        publish.run();
        container().start();
    }

    private List<Activity> activities(int n) {
        List<Activity> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(Activity.of(plan, PATH, "RADIO", List.of("T1"), "van-hoa-thong-tin", List.of(), "2022-02-10"));
        }
        return list;
    }

    private UUID complete(TestEvents ev, Activity a) {
        return complete(ev, a, UUID.randomUUID());
    }

    private UUID complete(TestEvents ev, Activity a, UUID eventId) {
        return ev.send(eventId, Topics.ACTIVITY_EVENTS, plan.toString(), "activity-completed", a.id().toString(),
                a.completed("2022-02-10", 1, 10L, 0L));
    }

    private List<UUID> applied(List<Activity> activities) {
        return jdbc.sql("select activity_id from activity_state where activity_id = any(:ids::uuid[])")
                .param("ids", activities.stream().map(Activity::id).toArray(UUID[]::new)).query(UUID.class).list();
    }

    /** How many times each event id is in the inbox of the activity projection. */
    private List<Long> inbox(List<UUID> events) {
        return jdbc.sql("""
                        select count(*) from processed_event where consumer = :c and event_id = any(:ids::uuid[])
                        group by event_id""")
                .param("c", ProjectionRoutes.ACTIVITIES).param("ids", events.toArray(UUID[]::new))
                .query(Long.class).list();
    }

    private long completed() {
        return jdbc.sql("""
                        select coalesce(sum(completed), 0) from tally
                        where org_unit = 'bat-commune' and dim = 'ALL' and after_closing = false""")
                .query(Long.class).single();
    }

    private long version() {
        return jdbc.sql("select coalesce(max(version), 0) from org_version where org_unit = 'bat-district'")
                .query(Long.class).single();
    }

    private List<Map<String, Object>> tallies() {
        return jdbc.sql("""
                        select month::text as month, dim, key, completed, quantity::float8 as quantity, reach
                        from tally where org_unit = 'bat-commune' order by 1, 2, 3""").query().listOfRows();
    }
}
