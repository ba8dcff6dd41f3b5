package vn.loa.reporting.rebuild;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.messaging.EventRoutes;
import vn.loa.messaging.Topics;
import vn.loa.reporting.figures.Figures;
import vn.loa.reporting.projection.ActivityBatches;
import vn.loa.reporting.projection.ProjectionRoutes;
import vn.loa.reporting.projection.ProjectionTables;
import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.Text;
import vn.loa.support.web.ApiException;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Rebuilds the read models from the topics, once across replicas, beside the live tables, and swaps
 * them in atomically, so that dashboards never show a half-built model:
 * <ol>
 * <li>start: a row in {@code projection_rebuild} (a unique index allows one RUNNING), owned by this
 * replica, which renews {@code heartbeat_at}; the topics' end offsets at the start are stored;</li>
 * <li>the shadow tables ({@code rebuild_*}, {@code like} the live ones) are filled by replaying the
 * topics from the beginning up to those offsets through the same handlers as the live projection,
 * under fresh inbox consumer names; the partitions' positions are stored with each chunk, so a
 * rebuild whose owner died is resumed from there by another replica (a ShedLock'd watchdog) once
 * its heartbeat is older than the lease;</li>
 * <li>if records failed: {@code FAILED} with the counts, the shadow tables dropped, the live model
 * untouched (a record the live projection dead-lettered, and nobody replayed, is left out as it was
 * there, not counted as failed); else, in one transaction: the live tables locked against writes (reads go on), the
 * events published meanwhile applied to the shadow tables up to the topics' current end (the live
 * projection may have applied some: the handlers are idempotent per activity state), then each
 * table renamed, every dashboard version bumped and a notification sent. The live listeners never
 * stop; after the swap they write to the new tables.</li>
 * </ol>
 */
@Service
class ProjectionRebuild implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);
    private static final List<String> TOPICS = List.of(Topics.ORG_UNIT_EVENTS, Topics.PLAN_EVENTS, Topics.ACTIVITY_EVENTS);
    private static final TypeReference<Map<String, Long>> OFFSETS = new TypeReference<>() {
    };

    private final ConsumerFactory<?, ?> consumerFactory;
    private final ProjectionRoutes routes;
    private final ActivityBatches activities;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Figures figures;
    private final JsonMapper json;
    private final Duration lease;
    private final String instance = "reporting-" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicBoolean stopping = new AtomicBoolean();

    ProjectionRebuild(ConsumerFactory<?, ?> consumerFactory, ProjectionRoutes routes, ActivityBatches activities,
                      JdbcClient jdbc, TransactionTemplate tx, Figures figures, JsonMapper json,
                      @Value("${loa.rebuild.lease:PT30S}") Duration lease) {
        this.consumerFactory = consumerFactory;
        this.routes = routes;
        this.activities = activities;
        this.jdbc = jdbc;
        this.tx = tx;
        this.figures = figures;
        this.json = json;
        this.lease = lease;
    }

    RebuildProgress start(String requestedBy) {
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("""
                            insert into projection_rebuild (id, status, phase, requested_by, started_at, owner, heartbeat_at)
                            values (:id, 'RUNNING', 'STARTING', :by, :now, :owner, :now)""")
                    .param("id", id).param("by", requestedBy).param("now", now()).param("owner", instance).update();
        } catch (DuplicateKeyException e) {
            RebuildProgress running = progress(null);
            throw ApiException.of(ProblemCode.REBUILD_RUNNING, "run", String.valueOf(running.id()),
                    String.valueOf(running.processed()), String.valueOf(running.total()));
        }
        runInBackground(id);
        return progress(id);
    }

    RebuildProgress progress(UUID id) {
        return jdbc.sql("select * from projection_rebuild" + (id == null ? " order by started_at desc limit 1" : " where id = :id"))
                .paramSource(id == null ? Map.of() : Map.of("id", id))
                .query((rs, i) -> new RebuildProgress(rs.getObject("id", UUID.class), rs.getString("status"),
                        rs.getString("phase"), rs.getString("requested_by"),
                        rs.getObject("started_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class),
                        rs.getLong("total"), rs.getLong("processed"), rs.getLong("failed"),
                        json.readValue(rs.getString("topics"), new TypeReference<List<RebuildProgress.TopicProgress>>() {
                        }), rs.getString("owner"), rs.getObject("heartbeat_at", OffsetDateTime.class),
                        rs.getString("error")))
                .optional()
                .orElseThrow(() -> id == null ? ApiException.of(ProblemCode.NOT_FOUND, "rebuild-latest")
                        : ApiException.of(ProblemCode.NOT_FOUND, "rebuild", id.toString()));
    }

    /**
     * Takes over a rebuild whose owner stopped renewing its lease (crashed, killed) and resumes it from its
     * stored positions. Runs on one replica at a time (ShedLock); the take-over itself is one conditional update.
     */
    @Scheduled(fixedDelayString = "${loa.rebuild.watchdog-interval:PT10S}")
    @SchedulerLock(name = "reporting-rebuild-watchdog", lockAtMostFor = "PT1M")
    void resumeAbandoned() {
        List<UUID> taken = jdbc.sql("""
                        update projection_rebuild set owner = :owner, heartbeat_at = :now
                        where status = 'RUNNING' and heartbeat_at < :stale returning id""")
                .param("owner", instance).param("now", now()).param("stale", now().minus(lease))
                .query(UUID.class).list();
        for (UUID id : taken) {
            log.warn("Rebuild {}: its owner stopped renewing the lease; resuming it on {}", id, instance);
            runInBackground(id);
        }
    }

    private void runInBackground(UUID id) {
        Thread thread = new Thread(() -> execute(id), "projection-rebuild");
        thread.setDaemon(true);
        thread.start();
    }

    /** A run's state, kept in memory by its owner and written to the row with each chunk. */
    private final class Run {
        final UUID id;
        final String suffix;
        final Map<String, Long> positions;
        final Map<String, Long> ends;
        final Map<String, long[]> topics = new LinkedHashMap<>(); // topic -> {total, processed}
        long failed;

        Run(UUID id, Map<String, Long> positions, Map<String, Long> ends, long failed) {
            this.id = id;
            this.suffix = "-rebuild-" + id.toString().substring(0, 8);
            this.positions = positions;
            this.ends = ends;
            this.failed = failed;
        }
    }

    private void execute(UUID id) {
        Run run = null;
        try {
            run = load(id);
            boolean resumed = !run.ends.isEmpty();
            try (Consumer<String, String> consumer = consumer(run)) {
                if (!resumed) {
                    prepareShadowTables();
                    run.ends.putAll(endOffsets(consumer));
                    persist(run, "REPLAYING");
                }
                log.info("Rebuild {} {} on {}: replaying into the shadow tables", id, resumed ? "resumed" : "started", instance);
                for (String topic : TOPICS) {
                    replay(run, consumer, topic, false);
                }
                if (run.failed > 0) {
                    fail(run, run.failed + " records could not be applied: the live model is kept");
                    return;
                }
                persist(run, "SWAPPING");
                swap(run, consumer);
            }
            log.info("Rebuild {} done: {}", id, progress(id));
        } catch (LostLease e) {
            log.warn("Rebuild {}: {}", id, e.getMessage());
        } catch (RuntimeException e) {
            log.error("Rebuild {} failed", id, e);
            if (run != null) {
                fail(run, String.valueOf(e.getMessage()));
            }
        }
    }

    private Run load(UUID id) {
        return jdbc.sql("select positions, ends, failed, topics from projection_rebuild where id = :id").param("id", id)
                .query((rs, i) -> {
                    Run run = new Run(id, new LinkedHashMap<>(json.readValue(rs.getString("positions"), OFFSETS)),
                            new LinkedHashMap<>(json.readValue(rs.getString("ends"), OFFSETS)), rs.getLong("failed"));
                    json.readValue(rs.getString("topics"), new TypeReference<List<RebuildProgress.TopicProgress>>() {
                    }).forEach(t -> run.topics.put(t.topic(), new long[]{t.total(), t.processed()}));
                    return run;
                })
                .single();
    }

    private Consumer<String, String> consumer(Run run) {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        overrides.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        overrides.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        @SuppressWarnings("unchecked")
        Consumer<String, String> consumer = (Consumer<String, String>) consumerFactory.createConsumer(
                "reporting-rebuild-" + run.id, "rebuild", null, overrides);
        return consumer;
    }

    private void prepareShadowTables() {
        tx.executeWithoutResult(s -> {
            for (String table : ProjectionTables.NAMES) {
                String shadow = ProjectionTables.SHADOW.prefix() + table;
                jdbc.sql("drop table if exists " + shadow).update();
                jdbc.sql("create table " + shadow + " (like " + table + " including all)").update();
            }
        });
    }

    private static String key(TopicPartition p) {
        return p.topic() + ":" + p.partition();
    }

    private Map<String, Long> endOffsets(Consumer<String, String> consumer) {
        Map<String, Long> ends = new LinkedHashMap<>();
        for (String topic : TOPICS) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.endOffsets(partitions).forEach((p, o) -> ends.put(key(p), o));
        }
        return ends;
    }

    private static List<TopicPartition> partitions(Consumer<String, String> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        return infos == null ? List.of() : infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /**
     * Replays one topic from the stored positions up to the stored end offsets (or, when {@code toCurrentEnd},
     * up to the topic's end now: the swap's catch-up, inside the caller's transaction).
     */
    private void replay(Run run, Consumer<String, String> consumer, String topic, boolean toCurrentEnd) {
        List<TopicPartition> partitions = partitions(consumer, topic);
        if (partitions.isEmpty()) {
            return;
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = new LinkedHashMap<>();
        Map<TopicPartition, Long> current = toCurrentEnd ? consumer.endOffsets(partitions) : Map.of();
        for (TopicPartition p : partitions) {
            long from = run.positions.getOrDefault(key(p), begin.get(p));
            consumer.seek(p, from);
            end.put(p, toCurrentEnd ? current.get(p) : run.ends.getOrDefault(key(p), begin.get(p)));
        }
        long[] counts = run.topics.computeIfAbsent(topic, t -> new long[2]);
        counts[0] = Math.max(counts[0], end.entrySet().stream().mapToLong(e -> e.getValue() - begin.get(e.getKey())).sum());
        EventRoutes topicRoutes = topic.equals(Topics.ORG_UNIT_EVENTS)
                ? routes.orgUnits(ProjectionRoutes.ORG_UNITS + run.suffix, ProjectionTables.SHADOW)
                : topic.equals(Topics.PLAN_EVENTS) ? routes.plans(ProjectionRoutes.PLANS + run.suffix, ProjectionTables.SHADOW)
                : null;
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (stopping.get()) {
                throw new LostLease("the service is stopping; another replica resumes the rebuild");
            }
            ConsumerRecords<String, String> polled = consumer.poll(Duration.ofMillis(500));
            List<ConsumerRecord<String, String>> chunk = new ArrayList<>();
            for (ConsumerRecord<String, String> r : polled) {
                TopicPartition p = new TopicPartition(r.topic(), r.partition());
                if (r.offset() < end.get(p)) {
                    chunk.add(r);
                }
            }
            // Outside the swap each record (or activity batch) commits with its inbox row, and the positions after
            // the chunk: after a crash the chunk is read again and the rebuild's inbox skips what was applied.
            applyChunk(run, topic, topicRoutes, chunk, !toCurrentEnd);
            for (TopicPartition p : partitions) {
                run.positions.put(key(p), Math.min(consumer.position(p), end.get(p)));
            }
            if (!toCurrentEnd) {
                persist(run, "REPLAYING");
            }
        }
    }

    /** Applies a chunk; {@code isolate}: a failing record is counted and skipped, else the failure propagates. */
    private void applyChunk(Run run, String topic, EventRoutes topicRoutes, List<ConsumerRecord<String, String>> chunk,
                            boolean isolate) {
        long[] counts = run.topics.get(topic);
        String consumer = ProjectionRoutes.ACTIVITIES + run.suffix;
        if (topicRoutes == null) {
            try {
                activities.applyAll(consumer, ProjectionTables.SHADOW, chunk);
            } catch (RuntimeException batch) {
                if (!isolate) {
                    throw batch;
                }
                for (ConsumerRecord<String, String> r : chunk) {
                    applySafely(run, () -> activities.applyAll(consumer, ProjectionTables.SHADOW, List.of(r)), r);
                }
            }
        } else {
            for (ConsumerRecord<String, String> r : chunk) {
                if (isolate) {
                    applySafely(run, () -> topicRoutes.dispatch(r), r);
                } else {
                    topicRoutes.dispatch(r);
                }
            }
        }
        counts[1] += chunk.size();
    }

    private void applySafely(Run run, Runnable apply, ConsumerRecord<String, String> r) {
        try {
            apply.run();
        } catch (RuntimeException e) {
            if (deadLettered(r)) {
                // The live projection could not apply it either: the rebuilt model leaves it out, as the live one does.
                log.info("Rebuild {}: {}-{}@{} left out: the live projection dead-lettered it ({})", run.id, r.topic(),
                        r.partition(), r.offset(), e.getMessage());
                return;
            }
            run.failed++;
            log.warn("Rebuild {}: {}-{}@{} could not be applied: {}", run.id, r.topic(), r.partition(), r.offset(),
                    e.getMessage());
        }
    }

    /** Whether this service dead-lettered the record and nobody replayed it since (the {@code dead_letter} table). */
    private boolean deadLettered(ConsumerRecord<String, String> r) {
        return jdbc.sql("""
                        select exists (select 1 from dead_letter where topic = :topic and record_partition = :partition
                                       and record_offset = :offset and replayed_at is null)""")
                .param("topic", r.topic()).param("partition", r.partition()).param("offset", r.offset())
                .query(Boolean.class).single();
    }

    /** The catch-up and the swap, in one transaction: the live tables are replaced all at once. */
    private void swap(Run run, Consumer<String, String> consumer) {
        tx.executeWithoutResult(s -> {
            requireOwner(run);
            // Writers wait from here to the commit; readers go on reading the live tables until the renames.
            jdbc.sql("lock table " + String.join(", ", ProjectionTables.NAMES) + " in exclusive mode").update();
            for (String topic : TOPICS) {
                replay(run, consumer, topic, true);
            }
            if (run.failed > 0) {
                throw new IllegalStateException(run.failed + " records could not be applied during the catch-up");
            }
            for (String table : ProjectionTables.NAMES) {
                String shadow = ProjectionTables.SHADOW.prefix() + table;
                jdbc.sql("alter table " + table + " rename to " + shadow + "_old").update();
                jdbc.sql("alter table " + shadow + " rename to " + table).update();
                jdbc.sql("drop table " + shadow + "_old").update();
            }
            figures.changedEverywhere();
            jdbc.sql("delete from processed_event where consumer like :c").param("c", "%" + run.suffix).update();
            persist(run, "DONE");
            jdbc.sql("update projection_rebuild set status = 'DONE', finished_at = :now where id = :id")
                    .param("now", now()).param("id", run.id).update();
        });
    }

    private void fail(Run run, String error) {
        try {
            tx.executeWithoutResult(s -> {
                for (String table : ProjectionTables.NAMES) {
                    jdbc.sql("drop table if exists " + ProjectionTables.SHADOW.prefix() + table).update();
                }
                jdbc.sql("delete from processed_event where consumer like :c").param("c", "%" + run.suffix).update();
                persist(run, "FAILED");
                jdbc.sql("update projection_rebuild set status = 'FAILED', finished_at = :now, error = :e where id = :id")
                        .param("now", now()).param("e", error).param("id", run.id).update();
            });
        } catch (RuntimeException e) {
            log.error("Rebuild {}: could not record its failure", run.id, e);
        }
    }

    /** Progress, positions and the heartbeat; fails if another replica took the rebuild over. */
    private void persist(Run run, String phase) {
        List<Map<String, Object>> topics = new ArrayList<>();
        long total = 0;
        long processed = 0;
        for (Map.Entry<String, long[]> e : run.topics.entrySet()) {
            topics.add(Map.of("topic", e.getKey(), "total", e.getValue()[0], "processed", e.getValue()[1]));
            total += e.getValue()[0];
            processed += e.getValue()[1];
        }
        int updated = jdbc.sql("""
                        update projection_rebuild set phase = :phase, heartbeat_at = :now, positions = cast(:positions as jsonb),
                            ends = cast(:ends as jsonb), topics = cast(:topics as jsonb), total = :total,
                            processed = :processed, failed = :failed
                        where id = :id and owner = :owner""")
                .param("phase", phase).param("now", now()).param("positions", json.writeValueAsString(run.positions))
                .param("ends", json.writeValueAsString(run.ends)).param("topics", json.writeValueAsString(topics))
                .param("total", total).param("processed", processed).param("failed", run.failed)
                .param("id", run.id).param("owner", instance).update();
        if (updated == 0) {
            throw new LostLease("another replica took the rebuild over");
        }
    }

    private void requireOwner(Run run) {
        boolean owner = !jdbc.sql("select id from projection_rebuild where id = :id and owner = :owner for update")
                .param("id", run.id).param("owner", instance).query(UUID.class).list().isEmpty();
        if (!owner) {
            throw new LostLease("another replica took the rebuild over");
        }
    }

    /** Leases and progress are operations' time: the system clock, not the business clock. */
    private OffsetDateTime now() {
        return OffsetDateTime.now(Clock.systemUTC());
    }

    /** Stops replaying at shutdown; the lease then expires and another replica resumes. */
    @Override
    public void destroy() {
        stopping.set(true);
    }

    private static final class LostLease extends RuntimeException {
        LostLease(String message) {
            super(message);
        }
    }
}
