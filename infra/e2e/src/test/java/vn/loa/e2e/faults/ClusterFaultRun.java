package vn.loa.e2e.faults;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
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
import vn.loa.localstack.LoaService;
import vn.loa.localstack.Stack;
import vn.loa.messaging.Topics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 22: the long fault run, on a three-node KRaft cluster (replication factor 3, {@code acks=all},
 * {@code min.insync.replicas=2}, unclean leader election off), under a steady load of completions:
 * <ol>
 *   <li>the partition leaders of {@code loa.activity.events} SIGKILLed in turn (each back in the ISR before the next);</li>
 *   <li>one node stopped for longer than the producers' {@code delivery.timeout.ms};</li>
 *   <li>activity-service cut off from every broker (its sockets hang) for longer than three send timeouts, so
 *       that the relay recreates its producer; then cut off from its PostgreSQL; reporting-service cut off
 *       from the brokers: each while the service keeps running, then healed;</li>
 *   <li>activity-service's PostgreSQL SIGKILLed after Kafka acknowledged a batch and before the relay's commit;</li>
 *   <li>the webhook receiver down from the start for {@code loa.faults.webhook-outage}.</li>
 * </ol>
 * (They run in the order 3, 4, 2, 1, so that the long series of leader kills comes last.)
 * After each fault the load pauses, everything converges, and one row of the {@link Ledger} is written:
 * nothing may be lost or doubled. The table is printed at the end and written to
 * {@code infra/e2e/target/faults/ledger.md}.
 * <p>
 * Not part of {@code ./mvnw verify} (its name does not end in IT): {@code ./loa faults} runs it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultRun {

    private static final Logger log = LoggerFactory.getLogger(ClusterFaultRun.class);

    private static final int LEADER_KILLS = Integer.getInteger("loa.faults.leader-kills", 20);
    private static final Duration LEADER_DOWN = duration("loa.faults.leader-down", "PT3S");
    /** Longer than delivery.timeout.ms (the relay's send timeout, 30 s by default). */
    private static final Duration BROKER_STOP = duration("loa.faults.broker-stop", "PT45S");
    /** Longer than three send timeouts: the relay recreates its producer meanwhile. */
    private static final Duration KAFKA_PARTITION = duration("loa.faults.kafka-partition", "PT100S");
    private static final Duration POSTGRES_PARTITION = duration("loa.faults.postgres-partition", "PT30S");
    private static final Duration CONSUMER_PARTITION = duration("loa.faults.consumer-partition", "PT60S");
    private static final Duration WEBHOOK_OUTAGE = duration("loa.faults.webhook-outage", "PT3M");
    private static final Duration CONVERGE = Duration.ofMinutes(Long.getLong("loa.faults.converge-minutes", 6));
    private static final String REPORTING_CONSUMER = "reporting-activities";

    private static LoaStack stack;
    private static Stack launcher;
    private static String officer;
    private static String district;
    private static WebhookReceiver receiver;
    private static CompletionLoad load;
    private static final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private static ScheduledFuture<?> receiverBack;
    private static final Ledger ledger = new Ledger();
    private static final Map<String, Object> figures = new LinkedHashMap<>();
    private static Set<String> scheduledBefore;
    private static int leaderKills;
    private static final Map<Integer, Integer> killsPerNode = new HashMap<>();

    @BeforeAll
    static void startClusterStackAndLoad() throws Exception {
        stack = LoaStack.get();
        launcher = stack.launcher();
        assertThat(launcher.kafkaBrokers()).as("the long run needs -Dloa.e2e.kafka-brokers=3 (./loa faults)").isGreaterThanOrEqualTo(3);
        officer = "Bearer " + stack.token("lienminh.vhtt");
        district = "Bearer " + stack.token("ductho.vhtt");
        try (Connection activity = connect(Service.ACTIVITY)) {
            scheduledBefore = Set.copyOf(Observations.strings(activity,
                    "select id::text from outbox_event where event_type = 'activity-scheduled'"));
        }
        receiver = new WebhookReceiver();
        await("webhook subscription accepted").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions().until(() -> Http.post(stack.url(Service.NOTIFICATION) + "/api/subscriptions", officer, Map.of(
                        "orgUnit", "lien-minh", "unit", "van-hoa-thong-tin", "channel", "WEBHOOK",
                        "target", receiver.url(), "events", List.of("activity-scheduled"),
                        "secret", "whsec_" + java.util.Base64.getEncoder().encodeToString(
                                "bí mật của xã Liên Minh 0123456789".getBytes(StandardCharsets.UTF_8)))).status() == 201);
        await("Liên Minh's plan copied into activity-service").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> Http.post(stack.url(Service.ACTIVITY) + "/api/activities", officer,
                        CompletionLoad.newActivity("Thử lịch hoạt động đầu tiên")).status() == 201);
        // The run outlasts an access token: the load asks the stack (which renews them) before each call.
        load = new CompletionLoad(stack.url(Service.ACTIVITY), ClusterFaultRun::officerToken, 2, Duration.ofMillis(150));
        load.start();
        awaitLoadProgress(10);
        // The receiver is down from now on, whatever else breaks meanwhile; it returns on its own.
        receiver.stop();
        receiverBack = timer.schedule(() -> {
            receiver.start();
            log.info("webhook receiver back after {}", WEBHOOK_OUTAGE);
            return null;
        }, WEBHOOK_OUTAGE.toMillis(), TimeUnit.MILLISECONDS);
        figures.put("Kafka nodes", launcher.kafkaBrokers());
    }

    @AfterAll
    static void printLedger() throws Exception {
        timer.shutdownNow();
        if (load != null) {
            load.stop();
        }
        if (receiver != null) {
            receiver.stop();
        }
        String table = ledger.table();
        String text = "Long fault run (ClusterFaultRun), " + Instant.now() + "\n\n" + table + "\n"
                + figures.entrySet().stream().map(e -> "- " + e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n")) + "\n";
        Path file = Path.of(System.getProperty("user.dir"), "target", "faults", "ledger.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        System.out.println();
        System.out.println("==================== FAULT LEDGER ====================");
        System.out.println(text);
        System.out.println("======================================================");
    }

    @Test
    @Order(6)
    void thePartitionLeadersKilledInTurnLoseNothing() throws Exception {
        Snapshot before = snapshot();
        for (int kill = 1; kill <= LEADER_KILLS; kill++) {
            awaitLoadProgress(load.completed.size() + 3);
            int partition = (kill - 1) % 3;
            int leader = leaderOf(partition);
            launcher.killKafka(leader);
            leaderKills++;
            killsPerNode.merge(leader, 1, Integer::sum);
            log.info("SIGKILLed node {}, leader of {}-{} ({} of {}); load: {}", leader, Topics.ACTIVITY_EVENTS, partition,
                    kill, LEADER_KILLS, load.summary());
            hold(LEADER_DOWN);
            launcher.startKafka(leader);
            awaitFullIsr();
        }
        figures.put("leader SIGKILLs (per node)", leaderKills + " " + killsPerNode);
        close("partition leaders of " + Topics.ACTIVITY_EVENTS + " SIGKILLed in turn ×" + leaderKills, before);
    }

    @Test
    @Order(5)
    void aNodeStoppedForLongerThanTheDeliveryTimeoutLosesNothing() throws Exception {
        Snapshot before = snapshot();
        int node = leaderOf(0);
        int completedBefore = load.completed.size();
        launcher.stopKafka(node);
        log.info("node {} stopped for {}", node, BROKER_STOP);
        hold(BROKER_STOP);
        figures.put("completions while node " + node + " was stopped for " + BROKER_STOP, load.completed.size() - completedBefore);
        launcher.startKafka(node);
        awaitFullIsr();
        close("one node stopped " + BROKER_STOP.toSeconds() + " s (> the relay's delivery.timeout.ms)", before);
    }

    @Test
    @Order(1)
    void activityServiceCutOffFromEveryBrokerRecoversItsProducer() throws Exception {
        Snapshot before = snapshot();
        double recreatedBefore = Observations.counter(stack.url(Service.ACTIVITY), stack.token("operator"),
                "loa_outbox_producer_recreated_total");
        String health = cutOff(Service.ACTIVITY, () -> launcher.partitionFromKafka(LoaService.ACTIVITY), KAFKA_PARTITION,
                "activity-service cut off from Kafka", "activity-service /actuator/health during its Kafka partition");
        // the kafka component sees the cut within its timeout (the outbox's backlog threshold, 30 s here, later)
        assertThat(health).as("activity-service's health during its Kafka partition").startsWith("503 DOWN").contains("kafka=DOWN");
        log.info("activity-service's Kafka partition healed; load: {}", load.summary());
        close("partition: activity-service ↮ Kafka " + KAFKA_PARTITION.toSeconds() + " s", before);
        figures.put("producers the relay recreated during the Kafka partition", Observations.counter(stack.url(Service.ACTIVITY),
                stack.token("operator"), "loa_outbox_producer_recreated_total") - recreatedBefore);
    }

    @Test
    @Order(2)
    void activityServiceCutOffFromItsDatabaseRecovers() throws Exception {
        Snapshot before = snapshot();
        String health = cutOff(Service.ACTIVITY, () -> launcher.partitionFromPostgres(LoaService.ACTIVITY), POSTGRES_PARTITION,
                "activity-service cut off from its PostgreSQL", "activity-service /actuator/health during its PostgreSQL partition");
        // every component that talks to a peer answers within loa.health.timeout: the request does not hang
        assertThat(health).as("activity-service's health during its PostgreSQL partition").startsWith("503 DOWN").contains("db=DOWN");
        log.info("activity-service's PostgreSQL partition healed; load: {}", load.summary());
        close("partition: activity-service ↮ its PostgreSQL " + POSTGRES_PARTITION.toSeconds() + " s", before);
    }

    @Test
    @Order(3)
    void reportingServiceCutOffFromEveryBrokerCatchesUp() throws Exception {
        Snapshot before = snapshot();
        String health = cutOff(Service.REPORTING, () -> launcher.partitionFromKafka(LoaService.REPORTING), CONSUMER_PARTITION,
                "reporting-service cut off from Kafka", "reporting-service /actuator/health during its Kafka partition");
        assertThat(health).as("reporting-service's health during its Kafka partition").startsWith("503 DOWN").contains("kafka=DOWN");
        close("partition: reporting-service ↮ Kafka " + CONSUMER_PARTITION.toSeconds() + " s", before);
    }

    @Test
    @Order(4)
    void theProducersDatabaseKilledBetweenAckAndCommitSendsTheBatchAgainAndTheInboxesAbsorbIt() throws Exception {
        Snapshot before = snapshot();
        Set<String> caught = Set.of();
        int attempts = 0;
        while (caught.isEmpty() && attempts < 8) {
            attempts++;
            awaitLoadProgress(load.completed.size() + 3);
            // 1. The relay sends a batch and waits for the acknowledgement, which cannot come (cut from Kafka) ...
            launcher.partitionFromKafka(LoaService.ACTIVITY);
            // (briefly: past the producer's request timeout it would give up the request and the batch could fail)
            await("rows waiting for Kafka").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !pendingRows().isEmpty());
            hold(Duration.ofMillis(1500));
            // 2. ... its database goes away, Kafka comes back: the acknowledgement arrives, the commit cannot be made.
            launcher.partitionFromPostgres(LoaService.ACTIVITY);
            launcher.healFromKafka(LoaService.ACTIVITY);
            hold(Duration.ofSeconds(6));
            Set<String> pending = new HashSet<>(pendingRows());
            Set<String> onKafka = Observations.copiesPerEvent(Observations.readAll(launcher.kafkaBootstrap(),
                    Topics.ACTIVITY_EVENTS)).keySet();
            pending.retainAll(onKafka);
            caught = pending;
            // 3. SIGKILL to the postmaster: the relay's transaction is gone; the rows Kafka holds are still pending.
            launcher.killPostgres(LoaService.ACTIVITY);
            launcher.startPostgres(LoaService.ACTIVITY);
            launcher.heal(LoaService.ACTIVITY);
            log.info("activity-service's PostgreSQL SIGKILLed between ack and commit (attempt {}): {} acknowledged "
                    + "event(s) not marked published", attempts, caught.size());
        }
        assertThat(caught).as("a batch acknowledged by Kafka and not committed").isNotEmpty();
        Set<String> resent = caught;
        await("the batch sent again").atMost(CONVERGE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Map<String, Integer> copies = Observations.copiesPerEvent(Observations.readAll(launcher.kafkaBootstrap(),
                    Topics.ACTIVITY_EVENTS));
            assertThat(resent).allSatisfy(id -> assertThat(copies.getOrDefault(id, 0)).isGreaterThanOrEqualTo(2));
        });
        figures.put("PostgreSQL SIGKILLs to catch ack-before-commit", attempts);
        figures.put("events acknowledged by Kafka and not committed at the SIGKILL (each on Kafka twice afterwards)", resent.size());
        close("activity-service's PostgreSQL SIGKILLed between ack and commit (" + resent.size() + " events resent)", before);
    }

    @Test
    @Order(7)
    void webhookDeliveriesOutlastTheReceiversOutageNoneDoubled() throws Exception {
        receiverBack.get(WEBHOOK_OUTAGE.toMillis() + 600_000, TimeUnit.MILLISECONDS);
        load.stop();
        List<String> scheduled = scheduledEvents();
        Map<String, String> statuses = new HashMap<>();
        await("every webhook delivery sent").atMost(CONVERGE).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            try (Connection notification = connect(Service.NOTIFICATION)) {
                statuses.clear();
                statuses.putAll(Observations.pairs(notification, "select id::text, status from delivery where target = ?",
                        receiver.url()));
                assertThat(statuses.values()).containsOnly("SENT");
                assertThat((long) statuses.size()).isEqualTo(scheduled.size());
            }
        });
        Set<String> received = receiver.calls().stream().map(WebhookReceiver.Call::deliveryId).collect(Collectors.toSet());
        Map<String, Long> deliveriesPerEvent = receiver.calls().stream().collect(Collectors.groupingBy(
                WebhookReceiver.Call::eventId, Collectors.mapping(WebhookReceiver.Call::deliveryId,
                        Collectors.collectingAndThen(Collectors.toSet(), s -> (long) s.size()))));
        long lost = scheduled.stream().filter(id -> !deliveriesPerEvent.containsKey(id)).count();
        long doubled = receiver.doubled().size() + deliveriesPerEvent.values().stream().filter(n -> n > 1).count();
        long dead = statuses.values().stream().filter("DEAD"::equals).count();
        ledger.add(new Ledger.Row("webhook receiver down " + WEBHOOK_OUTAGE.toSeconds() + " s (deliveries)",
                scheduled.size(), received.size(), receiver.calls().size() - received.size(), dead, 0, lost, doubled));
        figures.put("load", load.summary());
        assertThat(lost).isZero();
        assertThat(doubled).isZero();
    }

    @Test
    @Order(8)
    void theLedgerHoldsNothingLostNothingDoubled() {
        assertThat(leaderKills).isGreaterThanOrEqualTo(LEADER_KILLS);
        assertThat(ledger.rows()).allSatisfy(row -> {
            assertThat(row.lost()).as("lost in %s", row.fault()).isZero();
            assertThat(row.doubled()).as("doubled in %s", row.fault()).isZero();
        });
        assertThat(load.unexpected).as("answers other than 2xx/503").isEmpty();
    }

    private static String officerToken() {
        try {
            officer = "Bearer " + stack.token("lienminh.vhtt");
        } catch (RuntimeException e) {
            log.warn("no fresh token (the gateway did not answer), the last one is used: {}", e.toString());
        }
        return officer;
    }

    /** Access tokens live 10 minutes and the run an hour or more: each dashboard read asks for a fresh one. */
    private static String districtToken() {
        try {
            district = "Bearer " + stack.token("ductho.vhtt");
        } catch (RuntimeException e) {
            log.warn("no fresh token (the gateway did not answer), the last one is used: {}", e.toString());
        }
        return district;
    }

    // ------------------------------------------------------------------------------------- the ledger

    private record Snapshot(long produced, long consumed, long duplicates, long deadLettered, long parked) {
    }

    private static Snapshot snapshot() throws Exception {
        try (Connection activity = connect(Service.ACTIVITY); Connection reporting = connect(Service.REPORTING)) {
            return new Snapshot(
                    Observations.count(activity, "select count(*) from outbox_event where topic = ?", Topics.ACTIVITY_EVENTS),
                    Observations.count(reporting, "select count(*) from processed_event where consumer = ?", REPORTING_CONSUMER),
                    Math.round(inboxDuplicates()), deadLetters(),
                    Observations.count(activity, "select count(*) from outbox_event where parked_at is not null"));
        }
    }

    /**
     * Ends a fault: the load pauses, everything converges (or {@link #CONVERGE} passes), then the row: what went
     * through since {@code before}, and what is lost or doubled now, counted against the ground truth.
     */
    private static void close(String fault, Snapshot before) throws Exception {
        load.stop();
        long lost;
        long doubled;
        try (Connection activity = connect(Service.ACTIVITY); Connection reporting = connect(Service.REPORTING)) {
            Set<String> written = Set.copyOf(Observations.strings(activity,
                    "select id::text from outbox_event where topic = ? and parked_at is null", Topics.ACTIVITY_EVENTS));
            try {
                await("reporting-service processed every event activity-service wrote").atMost(CONVERGE)
                        .pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> Observations.unprocessed(reporting, REPORTING_CONSUMER, written).isEmpty());
                await("reporting-service's figures equal the ground truth").atMost(Duration.ofMinutes(1))
                        .pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> dashboardCompleted() == Observations.lienMinhCompletedInQ4(activity));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                log.error("{}: did not converge: {}", fault, e.getMessage());
            }
            Set<String> acked = load.completed.stream().map(Object::toString).collect(Collectors.toSet());
            Map<String, String> truth = Observations.pairs(activity, "select id::text, status from activity where plan_id = ?",
                    CompletionLoad.LIEN_MINH_PLAN);
            long ackedButNotCompleted = acked.stream().filter(id -> !"COMPLETED".equals(truth.get(id))).count();
            long dashboard = dashboardCompleted();
            long truthCompleted = Observations.lienMinhCompletedInQ4(activity);
            lost = Observations.unprocessed(reporting, REPORTING_CONSUMER, written).size() + ackedButNotCompleted + Math.max(0, truthCompleted - dashboard);
            doubled = Math.max(0, dashboard - truthCompleted);
        }
        Snapshot after = snapshot();
        Ledger.Row row = new Ledger.Row(fault, after.produced() - before.produced(), after.consumed() - before.consumed(),
                after.duplicates() - before.duplicates(), after.deadLettered() - before.deadLettered(),
                after.parked() - before.parked(), lost, doubled);
        ledger.add(row);
        log.info("LEDGER {}", row);
        System.out.println("[loa-faults] " + row);
        load.start();
    }



    /** Liên Minh's completions in 2022-Q4 on the district's dashboard (reporting-service's tallies). */
    private static long dashboardCompleted() throws Exception {
        JsonNode dashboard = Http.get(stack.url(Service.REPORTING) + "/api/dashboards/duc-tho?period=2022-Q4", districtToken()).json();
        for (JsonNode child : dashboard.get("children")) {
            if ("lien-minh".equals(child.get("code").asString())) {
                return child.get("activitiesCompleted").asLong();
            }
        }
        throw new IllegalStateException("lien-minh not on the dashboard: " + dashboard);
    }

    private static double inboxDuplicates() {
        double sum = 0;
        for (Stack.Instance instance : launcher.allInstances()) {
            if (instance.service() != LoaService.GATEWAY) {
                sum += Observations.counter(instance.url(), stack.token("operator"), "loa_inbox_duplicates_total");
            }
        }
        return sum;
    }

    private static long deadLetters() throws Exception {
        long sum = 0;
        for (Service service : List.of(Service.NOTIFICATION, Service.REPORTING, Service.ACTIVITY)) {
            Http.Response response = Http.get(stack.url(service) + "/api/ops/dead-letters?size=1", "Bearer " + stack.token("operator"));
            assertThat(response.status()).isEqualTo(200);
            sum += response.json().get("total").asLong();
        }
        return sum;
    }

    // ------------------------------------------------------------------------------------- Kafka

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, launcher.kafkaBootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000));
    }

    private static TopicDescription describe(Admin admin) throws Exception {
        return admin.describeTopics(List.of(Topics.ACTIVITY_EVENTS)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(Topics.ACTIVITY_EVENTS);
    }

    /** The node that leads {@code partition} of loa.activity.events now. */
    private static int leaderOf(int partition) {
        int[] leader = new int[1];
        await("a leader of " + Topics.ACTIVITY_EVENTS + "-" + partition).atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
                    try (Admin admin = admin()) {
                        Node node = describe(admin).partitions().get(partition).leader();
                        leader[0] = node == null ? -1 : node.id();
                        return node != null;
                    }
                });
        return leader[0];
    }

    /** Every partition of loa.activity.events has all its replicas in sync again (before the next kill). */
    private static void awaitFullIsr() {
        await("every replica of " + Topics.ACTIVITY_EVENTS + " in sync").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
                    try (Admin admin = admin()) {
                        for (TopicPartitionInfo p : describe(admin).partitions()) {
                            if (p.replicas().size() < 3 || p.isr().size() < p.replicas().size()) {
                                return false;
                            }
                        }
                        return true;
                    }
                });
    }

    // ------------------------------------------------------------------------------------- helpers

    /** Ids of activity-service's outbox rows not yet marked published (read directly, not through the proxy). */
    private static List<String> pendingRows() throws Exception {
        try (Connection activity = connect(Service.ACTIVITY)) {
            return Observations.strings(activity, "select id::text from outbox_event where published_at is null"
                    + " and parked_at is null and topic = ?", Topics.ACTIVITY_EVENTS);
        }
    }

    /**
     * Cuts {@code service} off as {@code partition} does, for {@code length}, recording what its health answers meanwhile;
     * the cut is healed whatever happens, so that a failed check does not leave it for the faults after it.
     */
    private static String cutOff(Service service, Runnable partition, Duration length, String what, String figure)
            throws InterruptedException {
        partition.run();
        long cutAt = System.nanoTime();
        log.info("{} for {}", what, length);
        try {
            String health = awaitHealthNotUp(service, length);
            figures.put(figure, health);
            log.info("{}: {}", figure, health);
            hold(length.minusNanos(System.nanoTime() - cutAt));
            return health;
        } finally {
            launcher.heal(service.launcher());
        }
    }

    /** What {@code /actuator/health} (operator view, with components) answers once it is no longer UP during a cut. */
    private static String awaitHealthNotUp(Service service, Duration within) {
        long cutAt = System.nanoTime();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        java.util.concurrent.atomic.AtomicReference<String> answer = new java.util.concurrent.atomic.AtomicReference<>("UP");
        try {
            await(service.moduleName() + "'s health not UP").atMost(within).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofSeconds(2)).until(() -> {
                        String now = healthAnswer(client, service);
                        answer.set(now);
                        return !now.equals("UP") && !now.startsWith("error: ");
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return "still " + answer.get() + " at the end of the cut";
        }
        return answer.get() + " (after " + (System.nanoTime() - cutAt) / 1_000_000_000L + " s)";
    }

    /** "UP", the components not UP with their details, "no answer …" when it hangs, or "error: …". */
    private static String healthAnswer(HttpClient client, Service service) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(stack.url(service) + "/actuator/health"))
                    .header("Authorization", "Bearer " + stack.token("operator")).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode health = tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body());
            String status = health.path("status").asString();
            if ("UP".equals(status)) {
                return "UP";
            }
            StringBuilder down = new StringBuilder(response.statusCode() + " " + status + ":");
            health.path("components").properties().forEach(e -> {
                if (!"UP".equals(e.getValue().path("status").asString())) {
                    down.append(' ').append(e.getKey()).append('=').append(e.getValue().path("status").asString());
                    JsonNode details = e.getValue().path("details");
                    if (!details.isMissingNode() && details.size() > 0) {
                        String text = details.toString();
                        down.append(' ').append(text.length() > 200 ? text.substring(0, 200) + "…" : text);
                    }
                }
            });
            return down.toString();
        } catch (java.net.http.HttpTimeoutException e) {
            return "no answer within 10 s (the health request hangs with the cut)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "error: interrupted";
        } catch (Exception e) {
            return "error: " + e;
        }
    }

    private static List<String> scheduledEvents() throws Exception {
        try (Connection activity = connect(Service.ACTIVITY)) {
            return Observations.strings(activity, "select id::text from outbox_event where event_type = 'activity-scheduled'")
                    .stream().filter(id -> !scheduledBefore.contains(id)).toList();
        }
    }

    private static Connection connect(Service service) throws Exception {
        return DriverManager.getConnection(stack.jdbcUrl(service), LoaStack.DB_USER, LoaStack.DB_PASSWORD);
    }

    private static void awaitLoadProgress(int completions) {
        await("load reaches " + completions + " completions").atMost(CONVERGE).pollInterval(Duration.ofMillis(500))
                .until(() -> load.completed.size() >= completions);
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
