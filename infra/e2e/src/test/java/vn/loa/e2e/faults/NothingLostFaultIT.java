package vn.loa.e2e.faults;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import vn.loa.e2e.LoaStack;
import vn.loa.e2e.Service;
import vn.loa.e2e.WebhookReceiver;
import vn.loa.localstack.Stack;
import vn.loa.messaging.Topics;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 10, point 2 and issue 14, point 8: the services as separate processes on a real Kafka broker and real
 * PostgreSQL (the end-to-end stack, {@link LoaStack}: the launcher of {@code ./loa up}, each service on a PostgreSQL
 * server of its own, activity-service and reporting-service as two replicas each behind the gateway), under a steady
 * load of completions through the gateway, while the broker is SIGKILLed and restarted, an activity-service replica
 * is SIGKILLed in the middle of its outbox relay's batch, reporting-service's and notification-service's PostgreSQL
 * are down for 30 s and then a reporting-service replica is SIGKILLed in the middle of a batch, activity-service's
 * PostgreSQL is stopped and started, a poison record is put on every topic and the webhook receiver is down. After
 * each fault the load pauses, the consumers converge and one row of the fault ledger is written (events sent,
 * received, duplicates absorbed, parked, lost, doubled: lost and doubled must be 0). At the end every read model is
 * compared with the ground truth in the owning service's database, and the run must have produced at least one
 * duplicate delivery that the inboxes skipped.
 *
 * <p>The methods run in order on one stack and one load; each fault's length comes from
 * {@code loa.faults.*} (short in every build, long with {@code -Pfaults-long}). The faults overlap where they can
 * (the activity replica is killed as the relays catch up after the broker's restart and restarts during the
 * consumers' database outage, whose backlog is the batch the reporting replica is killed in): the build's time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(Integer.MAX_VALUE) // last: it kills and floods the stack the other end-to-end classes share
class NothingLostFaultIT {

    private static final Logger log = LoggerFactory.getLogger(NothingLostFaultIT.class);

    private static final int BROKER_KILLS = Integer.getInteger("loa.faults.broker-kills", 1);
    private static final Duration BROKER_DOWN = duration("loa.faults.broker-down", "PT4S");
    private static final Duration WEBHOOK_OUTAGE = duration("loa.faults.webhook-outage", "PT30S");
    private static final Duration DATABASE_OUTAGE = duration("loa.faults.database-outage", "PT8S");
    /** reporting-service's and notification-service's PostgreSQL (issue 14.8: 30 s). */
    private static final Duration CONSUMER_DATABASE_OUTAGE = duration("loa.faults.consumer-database-outage", "PT30S");
    /** Completions the load must have made through the two activity-service replicas by the end (issue 14.8: 500). */
    private static final int MIN_COMPLETIONS = Integer.getInteger("loa.faults.min-completions", 500);
    private static final String REPORTING_CONSUMER = "reporting-activities";
    private static final String NOTIFICATION_CONSUMER = "notification";
    /** The activity events notification-service handles (its inbox records only those; it skips activity-corrected). */
    private static final List<String> NOTIFICATION_ACTIVITY_TYPES =
            List.of("activity-scheduled", "activity-completed", "activity-cancelled", "activity-overdue");
    private static final Duration CONVERGE = Duration.ofMinutes(4);


    private static LoaStack stack;
    private static WebhookReceiver receiver;
    private static CompletionLoad load;
    private static final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private static ScheduledFuture<?> receiverBack;
    /** Restarts the broker and a killed activity-service replica while the test goes on (a JVM start is the longest wait). */
    private static final ExecutorService restarter = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "fault-restart");
        thread.setDaemon(true);
        return thread;
    });
    private static Future<?> activityReplicaBack = CompletableFuture.completedFuture(null);
    /** The reporting-service replica killed mid-batch, restarting while the next faults run (the others consume). */
    private static Future<?> reportingReplicaBack = CompletableFuture.completedFuture(null);
    private static final List<FaultRow> ledger = new ArrayList<>();
    private static final Map<String, Object> figures = new LinkedHashMap<>();
    /** Inbox duplicates counted by service processes that were killed afterwards (their meters died with them). */
    private static double duplicatesOfKilledProcesses;
    private static int brokerKills;
    private static int reportingKills;
    private static int activityKills;
    /** What the classes before this one left: dead letters per consumer, activity-scheduled events. */
    private static final Map<Service, Long> deadLettersBefore = new HashMap<>();
    private static Set<String> scheduledBefore;
    private static Snapshot producerDatabaseBefore;

    @BeforeAll
    static void startStackAndLoad() throws Exception {
        // The shared stack (LoaStack sets what this test needs: activity-service answers 503 within 2 s while its
        // database is down; notification-service retries deliveries every 2-10 s, up to 60 times).
        stack = LoaStack.get();
        for (Service consumer : List.of(Service.NOTIFICATION, Service.REPORTING, Service.ACTIVITY)) {
            deadLettersBefore.put(consumer, deadLetterTotal(consumer));
        }
        scheduledBefore = Set.copyOf(scheduledEvents());
        receiver = new WebhookReceiver();
        // notification-service knows lien-minh once plan-service's org-unit events have arrived.
        await("webhook subscription accepted").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions().until(() -> Http.post(stack.url(Service.NOTIFICATION) + "/api/subscriptions", bearer("lienminh.vhtt"), Map.of(
                        "orgUnit", "lien-minh", "unit", "van-hoa-thong-tin", "channel", "WEBHOOK",
                        "target", receiver.url(), "events", List.of("activity-scheduled"),
                        "secret", "whsec_" + java.util.Base64.getEncoder().encodeToString(
                                "bí mật của xã Liên Minh 0123456789".getBytes(java.nio.charset.StandardCharsets.UTF_8)))).status() == 201);
        // activity-service can schedule once it holds the issued plan (plan-issued from plan-service).
        await("Liên Minh's plan copied into activity-service").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> Http.post(stack.url(Service.ACTIVITY) + "/api/activities", bearer("lienminh.vhtt"),
                        CompletionLoad.newActivity("Thử lịch hoạt động đầu tiên")).status() == 201);
        // Through the gateway (lb://activity-service over both replicas); a fresh token before each call, as the run
        // with its pauses may outlast one (10 min).
        load = new CompletionLoad(stack.gatewayUrl(), () -> bearer("lienminh.vhtt"), 2, Duration.ofMillis(150));
        load.start();
        awaitLoadProgress(10);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        timer.shutdownNow();
        restarter.shutdownNow();
        if (load != null) {
            load.stop();
        }
        if (receiver != null) {
            receiver.stop();
        }
        if (stack != null) {
            Path file = Path.of(System.getProperty("user.dir"), "target", "faults", "figures.txt");
            Files.createDirectories(file.getParent());
            String table = ledgerTable();
            Files.writeString(file, figures.entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n", "", "\n")) + "\n" + table);
            log.info("FAULT FIGURES {}", figures);
            System.out.println("==================== FAULT LEDGER (NothingLostFaultIT) ====================");
            System.out.println(table);
        }
    }

    @Test
    @Order(1)
    void aPoisonRecordOnEachTopicLandsInItsDeadLetterTopicAndTheRestFlows() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (String topic : Topics.ALL) {
                producer.send(new ProducerRecord<>(topic, "poison-" + topic, "{\"not\": \"an envelope\"")).get(30, TimeUnit.SECONDS);
            }
        }
        int completedBefore = load.completed.size();

        // notification-service consumes every topic; reporting-service org units, plans, activities;
        // activity-service org units, plans, periods.
        Map<Service, Set<String>> expected = Map.of(
                Service.NOTIFICATION, Set.copyOf(Topics.ALL),
                Service.REPORTING, Set.of(Topics.ORG_UNIT_EVENTS, Topics.PLAN_EVENTS, Topics.ACTIVITY_EVENTS),
                Service.ACTIVITY, Set.of(Topics.ORG_UNIT_EVENTS, Topics.PLAN_EVENTS, Topics.PERIOD_EVENTS));
        expected.forEach((service, topics) -> await(service.moduleName() + " lists its dead letters")
                .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .untilAsserted(() -> assertThat(deadLetterTopics(service)).isEqualTo(topics)));
        for (String topic : Topics.ALL) {
            List<ConsumerRecord<String, String>> dead = Observations.readAll(stack.kafkaBootstrap(),
                    Topics.deadLetterTopic(topic));
            assertThat(dead).extracting(ConsumerRecord::key).contains("poison-" + topic);
        }
        // The rest flows: completions after the poison keep reaching reporting-service's read model.
        awaitLoadProgress(completedBefore + 10);
        awaitReportingSeesEveryAckedCompletion();
        figures.put("poison records", Topics.ALL.size());
    }

    @Test
    @Order(2)
    void theBrokerKilledAndAnActivityReplicaKilledMidBatchLoseNothing() throws Exception {
        // The webhook receiver goes down now and comes back on its own after the outage (checked in order 5).
        receiver.stop();
        receiverBack = timer.schedule(() -> {
            receiver.start();
            return null;
        }, WEBHOOK_OUTAGE.toMillis(), TimeUnit.MILLISECONDS);

        Snapshot before = snapshot(true);
        for (int kill = 1; kill <= BROKER_KILLS; kill++) {
            awaitLoadProgress(load.completed.size() + 5);
            stack.killKafka();
            brokerKills++;
            log.info("Kafka SIGKILLed ({} of {}), down for {}", kill, BROKER_KILLS, BROKER_DOWN);
            hold(BROKER_DOWN);
            if (kill == BROKER_KILLS) {
                // The outbox piled up while the broker was away and the relays catch up as soon as it listens again
                // (before the launcher has seen it serve, so the broker starts beside): the replica whose relay is in
                // the middle of a batch dies (rows selected and being sent, not yet marked published). Its locks die
                // with its connections; the other replica relays those rows (again: the inboxes absorb the copies)
                // and takes all the load the gateway sends (the dead one's share: the gateway's 503, retried).
                Future<?> kafkaBack = restarter.submit(stack::startKafka);
                int killed = killActivityReplicaMidBatch(kafkaBack);
                activityReplicaBack = restarter.submit(() -> {
                    long restarting = System.nanoTime();
                    stack.start(Service.ACTIVITY, killed);
                    log.info("activity-service-{} back after {} s", killed, (System.nanoTime() - restarting) / 1_000_000_000);
                });
                kafkaBack.get(CONVERGE.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                stack.startKafka();
            }
            log.info("Kafka back; load so far: {}", load.summary());
            awaitReportingSeesEveryAckedCompletion();
        }
        figures.put("broker SIGKILLs", brokerKills);
        close("broker SIGKILLed " + BROKER_KILLS + " × " + BROKER_DOWN.toSeconds() + " s, then an activity-service replica"
                + " (of " + stack.replicas(Service.ACTIVITY) + ") SIGKILLed mid-batch as the relays catch up", before);
    }

    @Test
    @Order(3)
    void theConsumersDatabasesDownThenAConsumerKilledMidBatchLoseNothingAndCountNothingTwice() throws Exception {
        awaitReportingSeesEveryAckedCompletion();
        // The broker's restart (the fault before) makes the group rebalance; a replica frozen in the middle of it
        // holds the rebalance until its poll interval runs out, and the thawed one gets no partition to work on.
        awaitGroupStable("reporting-service");
        Snapshot before = snapshot(false);
        // reporting-service's and notification-service's PostgreSQL go away together while the load goes on: their
        // consumers cannot record anything, so each keeps retrying its record (infra/messaging: never dead-lettered)
        // and their partitions wait; activity-service keeps answering and relaying. The backlog this builds is the
        // batch a reporting replica is then killed in.
        int completedAtStop = load.completed.size();
        long writtenAtStop = activityEventsWritten();
        stack.stopPostgres(Service.REPORTING);
        stack.stopPostgres(Service.NOTIFICATION);
        long stoppedAt = System.nanoTime();
        log.info("reporting-service's and notification-service's PostgreSQL stopped for {}", CONSUMER_DATABASE_OUTAGE);
        awaitLoadProgress(completedAtStop + 5);
        hold(CONSUMER_DATABASE_OUTAGE.minusNanos(System.nanoTime() - stoppedAt));

        // The consumers frozen as their databases return, so that after a replica thaws one poll brings many records
        // and the kill falls between processing them and committing their offsets. The load is one commune's, so its
        // events sit on the partition one replica holds: the replicas are thawed one at a time until one works
        // through the backlog; that one is killed, and the others thaw once it is dead.
        int replicas = stack.replicas(Service.REPORTING);
        List<Long> pids = new ArrayList<>();
        for (int replica = 1; replica <= replicas; replica++) {
            pids.add(stack.pid(Service.REPORTING, replica));
        }
        for (long frozen : pids) {
            signal("STOP", frozen);
        }
        int killed = 0;
        try {
            stack.startPostgres(Service.REPORTING);
            stack.startPostgres(Service.NOTIFICATION);
            long downFor = (System.nanoTime() - stoppedAt) / 1_000_000_000;
            int completedMeanwhile = load.completed.size() - completedAtStop;
            long waiting = activityEventsWritten() - writtenAtStop;
            log.info("reporting-service's and notification-service's PostgreSQL back after {} s; {} completions and {} activity"
                    + " events meanwhile, waiting for both consumers", downFor, completedMeanwhile, waiting);
            assertThat(waiting).as("activity events written while the consumers' databases were down").isPositive();
            figures.put("reporting-service's and notification-service's PostgreSQL down (s) / completions / activity events meanwhile",
                    downFor + " / " + completedMeanwhile + " / " + waiting);
            try (Connection reporting = connect(Service.REPORTING)) {
                for (int replica = 1; replica <= replicas && killed == 0; replica++) {
                    long processedAtThaw = processed(reporting);
                    signal("CONT", pids.get(replica - 1));
                    boolean busy;
                    try {
                        // a consumer waiting for its database retries every 5 s (infra/messaging's consumer.max-interval);
                        // the last replica tried gets every partition, but only after the group has dropped the frozen
                        // one before it (its session, 15 s) and rebalanced: it gets the time for that
                        boolean last = replica == replicas;
                        await("reporting-service-" + replica + " busy with the backlog").atMost(Duration.ofSeconds(last ? 45 : 12))
                                .pollInterval(Duration.ofMillis(20)).until(() -> processed(reporting) >= processedAtThaw + 3);
                        busy = true;
                    } catch (org.awaitility.core.ConditionTimeoutException notItsPartition) {
                        if (replica == replicas) {
                            throw notItsPartition;
                        }
                        busy = false;
                        signal("STOP", pids.get(replica - 1));
                    }
                    if (busy) {
                        duplicatesOfKilledProcesses += Observations.counter(stack.url(Service.REPORTING, replica),
                                stack.token("operator"), "loa_inbox_duplicates_total");
                        stack.kill(Service.REPORTING, replica);
                        killed = replica;
                        reportingKills++;
                        long processedAtKill = processed(reporting);
                        long committed = committedOffsets("reporting-service", Topics.ACTIVITY_EVENTS);
                        log.info("reporting-service-{} SIGKILLed: {} activity events processed, {} committed offsets on {}",
                                replica, processedAtKill, committed, Topics.ACTIVITY_EVENTS);
                        figures.put("reporting-service at its SIGKILL: activity events processed / offsets committed",
                                processedAtKill + " / " + committed);
                    }
                }
            }
        } finally {
            for (int replica = 1; replica <= replicas; replica++) {
                if (replica != killed) {
                    signal("CONT", pids.get(replica - 1)); // the others thaw once one is dead (or the test failed)
                }
            }
        }
        if (replicas > 1) {
            // A replica is gone: reads through the gateway go on (a refused connection is retried on the next replica).
            for (int i = 0; i < 2 * stack.replicas(Service.REPORTING); i++) {
                Http.Response dashboard = Http.get(stack.gatewayUrl() + "/api/dashboards/duc-tho?period=2022-Q4", bearer("ductho.vhtt"));
                assertThat(dashboard.status()).as("dashboard through the gateway with a replica killed: %s", dashboard.body())
                        .isEqualTo(200);
            }
        }
        int killedReplica = killed;
        if (replicas > 1) {
            // The other replica consumes meanwhile: the restart (a JVM start, the longest wait here) overlaps what follows.
            reportingReplicaBack = restarter.submit(() -> {
                long restarting = System.nanoTime();
                stack.start(Service.REPORTING, killedReplica);
                log.info("reporting-service-{} back after {} s", killedReplica, (System.nanoTime() - restarting) / 1_000_000_000);
                return null;
            });
        } else {
            stack.start(Service.REPORTING, killed);
        }
        // The activity-service replica killed in the fault before restarted meanwhile (its database is stopped next).
        activityReplicaBack.get(CONVERGE.toMillis(), TimeUnit.MILLISECONDS);
        awaitReportingSeesEveryAckedCompletion();
        double duplicates = inboxDuplicates(Service.REPORTING);
        log.info("reporting-service (every replica) skipped {} redelivered events after the restart", duplicates);
        figures.put("reporting-service redeliveries skipped after its restart (every replica)", duplicates);
        figures.put("reporting-service SIGKILLs", reportingKills);
        close("reporting-service's and notification-service's PostgreSQL down " + CONSUMER_DATABASE_OUTAGE.toSeconds()
                + " s, then a reporting-service replica (of " + replicas + ") SIGKILLed mid-batch as it catches up", before);
    }

    @Test
    @Order(4)
    void theProducersDatabaseStoppedUnderLoadAnswers503AndLosesNoEvent() throws Exception {
        awaitLoadProgress(load.completed.size() + 5);
        producerDatabaseBefore = snapshot(false); // its ledger row is closed when the load ends (order 5)
        int unavailableBefore = load.unavailableProblems.get();
        stack.stopPostgres(Service.ACTIVITY);
        log.info("activity-service's PostgreSQL stopped for {}", DATABASE_OUTAGE);
        long stoppedAt = System.nanoTime();
        await("503 problem+json while the database is down").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    Http.Response response = Http.post(stack.url(Service.ACTIVITY) + "/api/activities", bearer("lienminh.vhtt"),
                            CompletionLoad.newActivity("Trong lúc cơ sở dữ liệu dừng"));
                    assertThat(response.status()).isEqualTo(503);
                    assertThat(response.contentType()).startsWith("application/problem+json");
                    assertThat(response.retryAfter()).isNotBlank();
                    JsonNode problem = response.json();
                    assertThat(problem.get("code").asString()).isEqualTo("service-unavailable");
                    assertThat(problem.get("status").asInt()).isEqualTo(503);
                    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
                });
        // activity-service is a consumer too: an event for it arrives while its database is down
        // (the district closes 2022-Q1: quarter-closed from reporting-service). It must wait, not be dead-lettered.
        Http.Response closed = Http.post(stack.url(Service.REPORTING) + "/api/periods/duc-tho/2022-Q1/close", bearer("ductho.vhtt"), Map.of());
        assertThat(closed.status()).as("close 2022-Q1: %s", closed.body()).isEqualTo(200);
        hold(DATABASE_OUTAGE.minusNanos(System.nanoTime() - stoppedAt));
        stack.startPostgres(Service.ACTIVITY);
        log.info("activity-service's PostgreSQL back; load so far: {}", load.summary());
        awaitLoadProgress(load.completed.size() + 5);
        assertThat(load.unavailableProblems.get()).as("the load itself was answered 503 problem+json")
                .isGreaterThan(unavailableBefore);
        awaitReportingSeesEveryAckedCompletion();
        await("the quarter-closed that arrived during the outage applied by activity-service").atMost(CONVERGE)
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
                    try (Connection activity = connect(Service.ACTIVITY)) {
                        assertThat(Observations.pairs(activity, "select org_unit, status from period_lock where period = '2022-Q1'"))
                                .containsEntry("lien-minh", "CLOSED").containsEntry("tung-chau", "CLOSED");
                    }
                });
        figures.put("activity-service PostgreSQL stops", 1);
        figures.put("activity-service's PostgreSQL down", DATABASE_OUTAGE);
    }

    @Test
    @Order(5)
    void webhookDeliveriesResumeAfterTheReceiverReturnsNoneDoubled() throws Exception {
        receiverBack.get(WEBHOOK_OUTAGE.toMillis() + 60_000, TimeUnit.MILLISECONDS);
        // Issue 14.8: the replica kill falls within at least 500 completions through the two replicas.
        awaitLoadProgress(Math.max(MIN_COMPLETIONS, load.completed.size() + 5));
        closeWithoutResuming("activity-service's PostgreSQL stopped " + DATABASE_OUTAGE.toSeconds() + " s (503 answered)",
                producerDatabaseBefore);
        log.info("load stopped: {}", load.summary());
        await("every webhook delivery sent").atMost(CONVERGE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            try (Connection notification = connect(Service.NOTIFICATION)) {
                Map<String, String> statuses = Observations.pairs(notification,
                        "select id::text, status from delivery where target = ?", receiver.url());
                assertThat(statuses.values()).containsOnly("SENT");
                assertThat(statuses.keySet()).isEqualTo(receivedDeliveryIds());
                assertThat((long) statuses.size()).isEqualTo(scheduledEvents().size());
            }
        });
        // Each event once: one delivery id per event. A delivery id may come again (at-least-once, issue 14.8:
        // notification-service's database went away between a send and its record, so the delivery is sent again);
        // the receiver drops the copy by X-Loa-Delivery-Id. Counted, not refused.
        assertThat(eventsDeliveredUnderTwoIds()).as("events delivered under two delivery ids").isZero();
        figures.put("webhook delivery ids received again (at-least-once)", receiver.doubled());
        Set<String> eventsReceived = receiver.calls().stream().map(WebhookReceiver.Call::eventId)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(eventsReceived).isEqualTo(new TreeSet<>(scheduledEvents()));
        try (Connection notification = connect(Service.NOTIFICATION)) {
            figures.put("webhook deliveries (sent / failed attempts)", receiver.calls().size() + " / "
                    + Observations.count(notification, "select count(*) from delivery_attempt a join delivery d on d.id = a.delivery_id"
                    + " where d.target = ? and a.outcome <> 'SENT'", receiver.url()));
        }
        figures.put("webhook outage", WEBHOOK_OUTAGE);
    }

    @Test
    @Order(6)
    void everyReadModelEqualsTheGroundTruthAndDuplicatesWereSkipped() throws Exception {
        reportingReplicaBack.get(CONVERGE.toMillis(), TimeUnit.MILLISECONDS);
        try (Connection activity = connect(Service.ACTIVITY);
             Connection reporting = connect(Service.REPORTING)) {
            // Every acknowledged completion is in the producer's database.
            Map<String, String> truth = Observations.pairs(activity,
                    "select id::text, status from activity where plan_id = ?", CompletionLoad.LIEN_MINH_PLAN);
            assertThat(load.completed).allSatisfy(id -> assertThat(truth.get(id.toString())).isEqualTo("COMPLETED"));
            await("outbox relayed").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1)).until(() ->
                    Observations.count(activity, "select count(*) from outbox_event where published_at is null") == 0);
            // reporting-service's projection: the same activities in the same states, no more, no fewer.
            await("activity_state equals activity-service's table").atMost(CONVERGE).pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(Observations.pairs(reporting,
                            "select activity_id::text, status from activity_state where plan_id = ?",
                            CompletionLoad.LIEN_MINH_PLAN)).isEqualTo(truth));
            long completedInQ4 = Observations.count(activity, "select count(*) from activity where org_unit = 'lien-minh'"
                    + " and status = 'COMPLETED' and completed_on between date '2022-10-01' and date '2022-12-31'");
            long quantity = Observations.count(activity, "select coalesce(sum(quantity), 0)::bigint from activity"
                    + " where org_unit = 'lien-minh' and status = 'COMPLETED'"
                    + " and completed_on between date '2022-10-01' and date '2022-12-31'");
            // The dashboard counts each completion once, whatever was delivered twice.
            JsonNode dashboard = Http.get(stack.url(Service.REPORTING) + "/api/dashboards/duc-tho?period=2022-Q4", bearer("ductho.vhtt")).json();
            JsonNode lienMinh = null;
            for (JsonNode child : dashboard.get("children")) {
                if ("lien-minh".equals(child.get("code").asString())) {
                    lienMinh = child;
                }
            }
            assertThat(lienMinh).as("lien-minh on the duc-tho dashboard: %s", dashboard).isNotNull();
            assertThat(lienMinh.get("activitiesCompleted").asLong()).isEqualTo(completedInQ4);
            JsonNode report = Http.get(stack.url(Service.REPORTING) + "/api/reports/lien-minh/2022-Q4", bearer("lienminh.vhtt")).json();
            for (JsonNode channel : report.get("channels")) {
                if ("RADIO".equals(channel.get("channel").asString())) {
                    assertThat(channel.get("activitiesCompleted").asLong()).isEqualTo(completedInQ4);
                    assertThat(channel.get("quantity").asLong()).isEqualTo(quantity);
                }
            }
            figures.put("activities scheduled / completed (ground truth)", truth.size() + " / "
                    + truth.values().stream().filter("COMPLETED"::equals).count());
        }
        figures.put("load", load.summary());

        // Duplicates: records Kafka holds twice (the relay resent after a broker kill) and redeliveries the inboxes skipped.
        List<ConsumerRecord<String, String>> records = Observations.readAll(stack.kafkaBootstrap(), Topics.ACTIVITY_EVENTS);
        Map<String, Integer> copies = Observations.copiesPerEvent(records);
        long extraCopies = copies.values().stream().mapToLong(c -> c - 1).sum();
        double skipped = duplicatesOfKilledProcesses;
        Map<String, Double> perService = new HashMap<>();
        for (Stack.Instance instance : stack.launcher().allInstances()) {
            double d = Observations.counter(instance.url(), stack.token("operator"), "loa_inbox_duplicates_total");
            perService.put(instance.name(), d);
            skipped += d;
        }
        figures.put(Topics.ACTIVITY_EVENTS + " records / distinct events / extra copies", records.size() + " / "
                + copies.size() + " / " + extraCopies);
        figures.put("inbox duplicates skipped (live processes)", perService);
        figures.put("inbox duplicates skipped (all, incl. killed processes)", skipped);
        assertThat(skipped).as("at least one duplicate delivery happened and the inbox skipped it").isGreaterThan(0);
        // Nothing but the poison records was dead-lettered by any consumer, whatever broke meanwhile.
        assertThat(deadLetterTotal(Service.NOTIFICATION) - deadLettersBefore.get(Service.NOTIFICATION)).isEqualTo(5);
        assertThat(deadLetterTotal(Service.REPORTING) - deadLettersBefore.get(Service.REPORTING)).isEqualTo(3);
        assertThat(deadLetterTotal(Service.ACTIVITY) - deadLettersBefore.get(Service.ACTIVITY)).isEqualTo(3);
        // Only 2xx and 503 problem+json while a database or a replica was away: never a 500.
        assertThat(load.unexpected).as("answers other than 2xx/503").isEmpty();
        assertThat(load.completed).as("completions through the replicas during the faults").hasSizeGreaterThanOrEqualTo(MIN_COMPLETIONS);
        // Every fault's row: nothing lost, nothing doubled (each was asserted as it was written; here the whole table).
        assertThat(ledger).hasSize(3).allSatisfy(row -> {
            assertThat(row.lost()).as("lost in %s", row.fault()).isZero();
            assertThat(row.doubled()).as("doubled in %s", row.fault()).isZero();
        });
    }

    // ------------------------------------------------------------------------------ the fault ledger

    /** A fault's row: what went through while it lasted and until everything converged, and what is lost or doubled. */
    record FaultRow(String fault, long sent, long receivedReporting, long receivedNotification, long duplicatesAbsorbed,
                    long webhookRepeats, long extraCopies, long parked, long deadLettered, long lost, long doubled) {

        String line() {
            return String.format(Locale.ROOT, "| %s | %d | %d / %d | %d | %d | %s | %d | %d | %d | %d |", fault, sent,
                    receivedReporting, receivedNotification, duplicatesAbsorbed, webhookRepeats,
                    extraCopies < 0 ? "–" : Long.toString(extraCopies), parked, deadLettered, lost, doubled);
        }
    }

    private record Snapshot(long sent, long receivedReporting, long receivedNotification, double duplicates,
                            long webhookRepeats, long extraCopies, long parked, long deadLettered) {
    }

    private static String ledgerTable() {
        StringBuilder table = new StringBuilder("| fault | events sent | received (distinct): reporting / notification"
                + " | duplicates absorbed by the inboxes | webhook delivery ids received again | extra copies on the topic"
                + " | parked | dead-lettered | lost | doubled |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        synchronized (ledger) {
            ledger.forEach(row -> table.append(row.line()).append('\n'));
        }
        return table.toString();
    }

    /**
     * Counts at a moment: activity events written (activity-service's outbox rows for {@code loa.activity.events}),
     * distinct activity events reporting-service's and notification-service's inboxes processed, redeliveries the
     * inboxes of every process skipped (including processes killed since), parked outbox rows and dead letters of
     * every service; with {@code withTopic}, copies Kafka holds beyond the first of an event.
     */
    private static Snapshot snapshot(boolean withTopic) throws Exception {
        long extraCopies = -1;
        if (withTopic) {
            extraCopies = Observations.copiesPerEvent(Observations.readAll(stack.kafkaBootstrap(), Topics.ACTIVITY_EVENTS))
                    .values().stream().mapToLong(c -> c - 1).sum();
        }
        try (Connection activity = connect(Service.ACTIVITY); Connection reporting = connect(Service.REPORTING);
             Connection notification = connect(Service.NOTIFICATION)) {
            Set<String> activityEvents = Set.copyOf(Observations.strings(activity,
                    "select id::text from outbox_event where topic = ?", Topics.ACTIVITY_EVENTS));
            long notified = Observations.strings(notification, "select event_id::text from processed_event where consumer = ?",
                    NOTIFICATION_CONSUMER).stream().filter(activityEvents::contains).count();
            // From the databases, not the APIs: a replica 1 that is being restarted answers nothing.
            long parked = 0;
            long deadLetters = 0;
            for (Service service : Service.values()) {
                if (service.database() != null) {
                    try (Connection db = connect(service)) {
                        parked += Observations.count(db, "select count(*) from outbox_event where parked_at is not null");
                        deadLetters += Observations.count(db, "select count(*) from dead_letter");
                    }
                }
            }
            return new Snapshot(activityEvents.size(), processed(reporting), notified, allInboxDuplicates(),
                    webhookRepeats(), extraCopies, parked, deadLetters);
        }
    }

    /** Ends a fault's row (the load pauses while the row is counted, then goes on); lost and doubled must be 0. */
    private static void close(String fault, Snapshot before) throws Exception {
        load.stop();
        FaultRow row = row(fault, before);
        load.start();
        assertNothingLostOrDoubled(row);
    }

    /** Ends a fault's row and leaves the load stopped. */
    private static void closeWithoutResuming(String fault, Snapshot before) throws Exception {
        load.stop();
        assertNothingLostOrDoubled(row(fault, before));
    }

    private static void assertNothingLostOrDoubled(FaultRow row) {
        assertThat(row.lost()).as("events or completions lost in: %s", row.fault()).isZero();
        assertThat(row.doubled()).as("counted twice in: %s", row.fault()).isZero();
    }

    /**
     * With the load paused: waits until both consumers processed every activity event written so far and the
     * dashboard equals the ground truth, then counts. Lost: events written that reporting-service's or
     * notification-service's inbox never processed, acknowledged completions not {@code COMPLETED} in
     * activity-service's table, completions missing from the dashboard's tally. Doubled: the tally above the ground
     * truth, and events delivered to the webhook under two delivery ids. (One delivery id received again is the
     * webhooks' at-least-once contract, counted apart: notification-service lost its database between the send and
     * its record, and sends again; receivers drop the copy by {@code X-Loa-Delivery-Id}.)
     */
    private static FaultRow row(String fault, Snapshot before) throws Exception {
        long lost;
        long doubled;
        try (Connection activity = connect(Service.ACTIVITY); Connection reporting = connect(Service.REPORTING);
             Connection notification = connect(Service.NOTIFICATION)) {
            Set<String> written = Set.copyOf(Observations.strings(activity,
                    "select id::text from outbox_event where topic = ? and parked_at is null", Topics.ACTIVITY_EVENTS));
            Set<String> forNotification = Set.copyOf(Observations.strings(activity,
                    "select id::text from outbox_event where topic = ? and parked_at is null and event_type in ("
                            + NOTIFICATION_ACTIVITY_TYPES.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", ")) + ")",
                    Topics.ACTIVITY_EVENTS));
            try {
                await("reporting-service and notification-service processed every activity event").atMost(CONVERGE)
                        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .until(() -> Observations.unprocessed(reporting, REPORTING_CONSUMER, written).isEmpty()
                                && Observations.unprocessed(notification, NOTIFICATION_CONSUMER, forNotification).isEmpty());
                await("the dashboard's tally equals the ground truth").atMost(Duration.ofMinutes(1))
                        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .until(() -> dashboardCompleted() == Observations.lienMinhCompletedInQ4(activity));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                log.error("{}: did not converge: {}", fault, e.getMessage()); // the row shows what is missing
            }
            Map<String, String> truth = Observations.pairs(activity, "select id::text, status from activity where plan_id = ?",
                    CompletionLoad.LIEN_MINH_PLAN);
            long ackedButNotCompleted = load.completed.stream().filter(id -> !"COMPLETED".equals(truth.get(id.toString()))).count();
            long dashboard = dashboardCompleted();
            long truthCompleted = Observations.lienMinhCompletedInQ4(activity);
            lost = Observations.unprocessed(reporting, REPORTING_CONSUMER, written).size()
                    + Observations.unprocessed(notification, NOTIFICATION_CONSUMER, forNotification).size()
                    + ackedButNotCompleted + Math.max(0, truthCompleted - dashboard);
            doubled = Math.max(0, dashboard - truthCompleted) + eventsDeliveredUnderTwoIds();
        }
        Snapshot after = snapshot(before.extraCopies() >= 0);
        FaultRow row = new FaultRow(fault, after.sent() - before.sent(), after.receivedReporting() - before.receivedReporting(),
                after.receivedNotification() - before.receivedNotification(),
                Math.round(after.duplicates() - before.duplicates()), after.webhookRepeats() - before.webhookRepeats(),
                before.extraCopies() < 0 ? -1 : after.extraCopies() - before.extraCopies(),
                after.parked() - before.parked(), after.deadLettered() - before.deadLettered(), lost, doubled);
        synchronized (ledger) {
            ledger.add(row);
        }
        log.info("FAULT LEDGER {}", row);
        System.out.println("[loa-faults] " + row.line());
        return row;
    }

    /** Webhook calls beyond the first of a delivery id (at-least-once: the receiver drops them by delivery id). */
    private static long webhookRepeats() {
        List<WebhookReceiver.Call> calls = receiver.calls();
        return calls.size() - calls.stream().map(WebhookReceiver.Call::deliveryId).distinct().count();
    }

    /** Events the webhook received under more than one delivery id: a doubling no receiver could tell. */
    private static long eventsDeliveredUnderTwoIds() {
        return receiver.calls().stream().collect(Collectors.groupingBy(WebhookReceiver.Call::eventId,
                        Collectors.mapping(WebhookReceiver.Call::deliveryId, Collectors.toSet())))
                .values().stream().filter(ids -> ids.size() > 1).count();
    }



    /** Liên Minh's completions in 2022-Q4 on the district's dashboard, through the gateway (any reporting replica). */
    private static long dashboardCompleted() throws Exception {
        JsonNode dashboard = Http.get(stack.gatewayUrl() + "/api/dashboards/duc-tho?period=2022-Q4", bearer("ductho.vhtt")).json();
        for (JsonNode child : dashboard.get("children")) {
            if ("lien-minh".equals(child.get("code").asString())) {
                return child.get("activitiesCompleted").asLong();
            }
        }
        throw new IllegalStateException("lien-minh not on the dashboard: " + dashboard);
    }

    /** Redeliveries skipped by the inboxes of every process, the killed ones' counts (read before the kill) included. */
    private static double allInboxDuplicates() {
        double sum = duplicatesOfKilledProcesses;
        for (Stack.Instance instance : stack.launcher().allInstances()) {
            if (instance.service() != vn.loa.localstack.LoaService.GATEWAY) {
                sum += Observations.counter(instance.url(), stack.token("operator"), "loa_inbox_duplicates_total");
            }
        }
        return sum;
    }

    // ------------------------------------------------------------------------------ the producer's replica kill

    /**
     * The relay of one activity-service replica in the middle of a batch: its transaction holds the relay's advisory
     * lock ({@code OutboxRelay.LOCK_KEY}, 0x4C4F415F4F424F58: class id and object id are its two halves) and has
     * selected its rows {@code FOR UPDATE} (or marked them published), not yet committed: its sends to Kafka are in
     * flight or acknowledged.
     */
    private static final String RELAY_MID_BATCH = """
            select a.client_port, a.query,
                   (select count(*) from outbox_event where published_at is null and parked_at is null) as pending
            from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.granted and l.classid = 1280262495::oid and l.objid = 1329745752::oid
              and a.state = 'idle in transaction'
              and (a.query like '%for update of o skip locked%' or a.query like 'update outbox_event set published_at%')""";

    private record RelayBatch(int clientPort, String query, long pending) {
    }

    private static RelayBatch relayMidBatch(Connection activity) throws Exception {
        try (PreparedStatement statement = activity.prepareStatement(RELAY_MID_BATCH); ResultSet rows = statement.executeQuery()) {
            return rows.next() ? new RelayBatch(rows.getInt(1), rows.getString(2), rows.getLong(3)) : null;
        }
    }

    /** Stands for "the backlog drained before a batch of it was seen": then any batch will do. */
    private static final RelayBatch DRAINED = new RelayBatch(-1, "", 0);

    /**
     * SIGKILLs the activity-service replica whose relay is in the middle of a batch once the broker listens again,
     * preferably a batch of the backlog of its outage (ten or more rows pending); when the backlog drained unseen
     * ({@code kafkaBack} done, fewer than ten rows pending), any batch. The replica is told by the relay connection's
     * client port (pg_stat_activity), found among the sockets of each replica's process ({@code /proc}).
     */
    private static int killActivityReplicaMidBatch(Future<?> kafkaBack) throws Exception {
        Map<Integer, Double> duplicatesBefore = new HashMap<>();
        for (int replica = 1; replica <= stack.replicas(Service.ACTIVITY); replica++) {
            duplicatesBefore.put(replica, Observations.counter(stack.url(Service.ACTIVITY, replica), stack.token("operator"),
                    "loa_inbox_duplicates_total"));
        }
        try (Connection activity = connect(Service.ACTIVITY)) {
            for (int attempt = 1; ; attempt++) {
                // First a batch of the backlog once the broker listens again; failing that (drained unseen), any batch.
                long minimum = attempt == 1 ? 10 : 1;
                RelayBatch batch = await("an activity-service relay in the middle of a batch (" + minimum + "+ rows pending)")
                        .atMost(CONVERGE).pollInterval(Duration.ofMillis(5)).ignoreExceptions().until(() -> {
                            if (!kafkaListens()) {
                                return null;
                            }
                            RelayBatch midBatch = relayMidBatch(activity);
                            if (midBatch != null && midBatch.pending() >= minimum) {
                                return midBatch;
                            }
                            return minimum > 1 && kafkaBack.isDone() && Observations.count(activity,
                                    "select count(*) from outbox_event where published_at is null") < minimum ? DRAINED : null;
                        }, b -> b != null);
                if (batch == DRAINED) {
                    log.info("the outbox's backlog drained before a batch of it was seen: the next batch will do");
                    continue;
                }
                OptionalInt replica = replicaWithConnectionFrom(Service.ACTIVITY, batch.clientPort());
                if (replica.isEmpty()) {
                    continue; // the batch ended and its connection went back to the pool meanwhile: the next one
                }
                stack.kill(Service.ACTIVITY, replica.getAsInt());
                duplicatesOfKilledProcesses += duplicatesBefore.get(replica.getAsInt());
                activityKills++;
                String where = batch.query().startsWith("update") ? "rows acknowledged, marked published, not committed"
                        : "rows selected, sends in flight";
                log.info("activity-service-{} SIGKILLed mid-batch ({}), {} rows pending; load so far: {}",
                        replica.getAsInt(), where, batch.pending(), load.summary());
                figures.put("activity-service at its SIGKILL: replica / rows pending / the batch",
                        replica.getAsInt() + " of " + stack.replicas(Service.ACTIVITY) + " / " + batch.pending() + " / " + where);
                figures.put("activity-service SIGKILLs", activityKills);
                return replica.getAsInt();
            }
        }
    }

    /** Whether the broker accepts connections again (it serves a little later; the relays' sends wait for it). */
    private static boolean kafkaListens() {
        String[] hostAndPort = stack.kafkaBootstrap().split(",")[0].split(":");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostAndPort[0], Integer.parseInt(hostAndPort[1])), 200);
            return true;
        } catch (java.io.IOException refused) {
            return false;
        }
    }

    /**
     * The replica of {@code service} whose process holds the TCP connection from local port {@code port}: the socket's
     * inode from {@code /proc/net/tcp} and {@code tcp6}, looked for among each replica's file descriptors.
     */
    private static OptionalInt replicaWithConnectionFrom(Service service, int port) throws Exception {
        String localPort = String.format(Locale.ROOT, ":%04X", port);
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (Files.isReadable(file)) {
                for (String line : Files.readAllLines(file)) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 9 && fields[1].endsWith(localPort)) {
                        inodes.add("socket:[" + fields[9] + "]");
                    }
                }
            }
        }
        for (int replica = 1; replica <= stack.replicas(service); replica++) {
            if (!stack.isRunning(service, replica)) {
                continue;
            }
            Path fds = Path.of("/proc", Long.toString(stack.pid(service, replica)), "fd");
            try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(fds)) {
                for (Path descriptor : descriptors) {
                    try {
                        if (inodes.contains(Files.readSymbolicLink(descriptor).toString())) {
                            return OptionalInt.of(replica);
                        }
                    } catch (java.io.IOException closedMeanwhile) {
                        // a descriptor closed while we looked
                    }
                }
            }
        }
        return OptionalInt.empty();
    }

    private static String bearer(String username) {
        return "Bearer " + stack.token(username);
    }

    // ---------------------------------------------------------------------------------------------

    private static Connection connect(Service service) throws Exception {
        return DriverManager.getConnection(stack.jdbcUrl(service), LoaStack.DB_USER, LoaStack.DB_PASSWORD);
    }

    /** Redeliveries the inboxes of every replica of {@code service} skipped. */
    private static double inboxDuplicates(Service service) {
        double sum = 0;
        for (int replica = 1; replica <= stack.replicas(service); replica++) {
            sum += Observations.counter(stack.url(service, replica), stack.token("operator"), "loa_inbox_duplicates_total");
        }
        return sum;
    }

    private static Set<String> deadLetterTopics(Service service) throws Exception {
        Http.Response response = Http.get(stack.url(service) + "/api/ops/dead-letters?size=200", bearer("operator"));
        assertThat(response.status()).isEqualTo(200);
        Set<String> topics = new TreeSet<>();
        for (JsonNode item : response.json().get("items")) {
            if (item.get("key") != null && item.get("key").asString().startsWith("poison-")) {
                topics.add(item.get("topic").asString());
            }
        }
        return topics;
    }

    private static long deadLetterTotal(Service service) throws Exception {
        Http.Response response = Http.get(stack.url(service) + "/api/ops/dead-letters?size=200", bearer("operator"));
        assertThat(response.status()).isEqualTo(200);
        return response.json().get("total").asLong();
    }

    private static Set<String> receivedDeliveryIds() {
        return receiver.calls().stream().map(WebhookReceiver.Call::deliveryId).collect(Collectors.toSet());
    }

    /**
     * Ids of the activity-scheduled events activity-service wrote since this class began (the first test activity
     * included; the other classes' activities were scheduled before the subscription existed).
     */
    private static List<String> scheduledEvents() throws Exception {
        try (Connection activity = connect(Service.ACTIVITY)) {
            List<String> all = Observations.strings(activity, "select id::text from outbox_event where event_type = 'activity-scheduled'");
            return scheduledBefore == null ? all : all.stream().filter(id -> !scheduledBefore.contains(id)).toList();
        }
    }

    /** Completions the API acknowledged are all in reporting-service's read model (it catches up, whatever happened). */
    private static void awaitReportingSeesEveryAckedCompletion() {
        Set<String> acked = load.completed.stream().map(Object::toString).collect(Collectors.toSet());
        await("reporting-service has every acknowledged completion").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().untilAsserted(() -> {
                    try (Connection reporting = connect(Service.REPORTING)) {
                        Set<String> seen = Set.copyOf(Observations.strings(reporting,
                                "select activity_id::text from activity_state where status = 'COMPLETED'"));
                        assertThat(seen).containsAll(acked);
                    }
                });
    }

    private static void awaitLoadProgress(int completions) {
        await("load reaches " + completions + " completions").atMost(CONVERGE).pollInterval(Duration.ofMillis(500))
                .until(() -> load.completed.size() >= completions);
    }

    private static long activityEventsWritten() throws Exception {
        try (Connection activity = connect(Service.ACTIVITY)) {
            return Observations.count(activity, "select count(*) from outbox_event where topic = ?", Topics.ACTIVITY_EVENTS);
        }
    }

    private static long processed(Connection reporting) throws Exception {
        return Observations.count(reporting, "select count(*) from processed_event where consumer = 'reporting-activities'");
    }

    private static void awaitGroupStable(String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            await(group + " stable (no rebalance going on)").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group)
                            .groupState() == org.apache.kafka.common.GroupState.STABLE);
        }
    }

    private static long committedOffsets(String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kill.waitFor()).as("kill -%s %d: %s", signal, pid, output).isZero();
    }

    /** Keeps a fault in place for its duration (the outage itself, not a wait for an effect). */
    private static void hold(Duration duration) throws InterruptedException {
        if (!duration.isNegative()) {
            Thread.sleep(duration.toMillis());
        }
    }

    private static Duration duration(String property, String defaultValue) {
        return Duration.parse(System.getProperty(property, defaultValue));
    }
}
