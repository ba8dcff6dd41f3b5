package vn.loa.reporting.rebuild;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import vn.loa.messaging.EventRoutes;
import vn.loa.reporting.projection.ProjectionListeners;
import vn.loa.reporting.projection.ProjectionRoutes;
import vn.loa.support.web.ApiException;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds the read models from the topics: stops the live projection listeners, truncates the
 * projection tables, replays every topic from its earliest offset up to the end offset seen at the
 * start with a fresh consumer (assigned partitions, no group, nothing committed) through the same
 * handlers as the live listeners (under a fresh inbox consumer name, so events the live inbox has
 * seen are applied again), then restarts the live listeners, which carry on from their committed
 * offsets. Events that arrive meanwhile may be applied by both: the handlers are idempotent upserts
 * on per-object state, so they count once. Reads during a rebuild see partial numbers.
 */
@Service
class ProjectionRebuild {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);

    private final KafkaListenerEndpointRegistry registry;
    private final ConsumerFactory<?, ?> consumerFactory;
    private final ProjectionRoutes routes;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AtomicReference<Run> current = new AtomicReference<>();

    ProjectionRebuild(KafkaListenerEndpointRegistry registry, ConsumerFactory<?, ?> consumerFactory,
                      ProjectionRoutes routes, JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.registry = registry;
        this.consumerFactory = consumerFactory;
        this.routes = routes;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** A rebuild's mutable state; progress() takes a snapshot. */
    private final class Run {
        final UUID id = UUID.randomUUID();
        final String requestedBy;
        final OffsetDateTime startedAt = OffsetDateTime.now(clock);
        volatile OffsetDateTime finishedAt;
        volatile String status = "RUNNING";
        volatile String error;
        final Map<String, AtomicLong> totals = new java.util.concurrent.ConcurrentSkipListMap<>();
        final Map<String, AtomicLong> processed = new java.util.concurrent.ConcurrentSkipListMap<>();
        final AtomicLong failed = new AtomicLong();

        Run(String requestedBy) {
            this.requestedBy = requestedBy;
        }

        RebuildProgress progress() {
            List<RebuildProgress.TopicProgress> topics = new ArrayList<>();
            totals.forEach((t, n) -> topics.add(new RebuildProgress.TopicProgress(t, n.get(),
                    processed.getOrDefault(t, new AtomicLong()).get())));
            return new RebuildProgress(id, status, requestedBy, startedAt, finishedAt,
                    totals.values().stream().mapToLong(AtomicLong::get).sum(),
                    processed.values().stream().mapToLong(AtomicLong::get).sum(), failed.get(), topics, error);
        }
    }

    RebuildProgress start(String requestedBy) {
        Run run = new Run(requestedBy);
        Run previous = current.get();
        if (previous != null && previous.status.equals("RUNNING")) {
            throw ApiException.conflict("rebuild-running", "A rebuild is already running (" + previous.id + ").");
        }
        if (!current.compareAndSet(previous, run)) {
            throw ApiException.conflict("rebuild-running", "A rebuild has just been started.");
        }
        Thread thread = new Thread(() -> execute(run), "projection-rebuild");
        thread.setDaemon(true);
        thread.start();
        return run.progress();
    }

    RebuildProgress progress(UUID id) {
        Run run = current.get();
        if (run == null || (id != null && !run.id.equals(id))) {
            throw ApiException.notFound("No such rebuild" + (id == null ? "" : ": " + id) + ".");
        }
        return run.progress();
    }

    private void execute(Run run) {
        List<MessageListenerContainer> containers = ProjectionListeners.IDS.stream()
                .map(registry::getListenerContainer).filter(java.util.Objects::nonNull).toList();
        try {
            containers.forEach(MessageListenerContainer::stop);
            tx.executeWithoutResult(s -> jdbc.sql("truncate " + String.join(", ", ProjectionRoutes.TABLES)).update());
            log.info("Rebuild {}: projection tables truncated, replaying the topics", run.id);
            replay(run);
            run.status = "DONE";
            log.info("Rebuild {} done: {}", run.id, run.progress());
        } catch (RuntimeException e) {
            run.status = "FAILED";
            run.error = e.getMessage();
            log.error("Rebuild {} failed", run.id, e);
        } finally {
            run.finishedAt = OffsetDateTime.now(clock);
            containers.forEach(MessageListenerContainer::start);
        }
    }

    private void replay(Run run) {
        Map<String, EventRoutes> byTopic = routes.all("-rebuild-" + run.id.toString().substring(0, 8));
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        overrides.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        overrides.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        try (Consumer<?, ?> raw = consumerFactory.createConsumer("reporting-rebuild-" + run.id, "rebuild", null,
                overrides)) {
            @SuppressWarnings("unchecked")
            Consumer<String, String> consumer = (Consumer<String, String>) raw;
            // Topics in order: org units, plans, activities (the handlers do not need it, but it is cheaper).
            for (Map.Entry<String, EventRoutes> entry : byTopic.entrySet()) {
                replayTopic(run, consumer, entry.getKey(), entry.getValue());
            }
        }
    }

    private void replayTopic(Run run, Consumer<String, String> consumer, String topic, EventRoutes topicRoutes) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        AtomicLong done = run.processed.computeIfAbsent(topic, t -> new AtomicLong());
        AtomicLong total = run.totals.computeIfAbsent(topic, t -> new AtomicLong());
        if (infos == null || infos.isEmpty()) {
            return;
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        total.set(partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum());
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
            for (ConsumerRecord<String, String> record : records) {
                if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                    continue; // arrived after the start: the live listener applies it
                }
                try {
                    topicRoutes.dispatch(record);
                } catch (RuntimeException e) {
                    run.failed.incrementAndGet();
                    log.warn("Rebuild {}: {}-{}@{} could not be applied: {}", run.id, record.topic(),
                            record.partition(), record.offset(), e.getMessage());
                }
                done.incrementAndGet();
            }
        }
    }
}
