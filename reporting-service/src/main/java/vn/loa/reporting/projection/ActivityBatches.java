package vn.loa.reporting.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.loa.messaging.EventEnvelope;
import vn.loa.messaging.InvalidEventException;
import vn.loa.messaging.envelope.EnvelopeCodec;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The activity events of a poll, applied as one batch: envelopes parsed and bound, the event ids
 * recorded in the inbox ({@code processed_event}) in one statement, and only the new ones applied,
 * in the same transaction, by {@link ActivityProjection} in set-based statements. Per-key order is
 * the records' order. A record that can never be applied (not an envelope, unbindable data) and a
 * batch whose transaction fails are narrowed down (by halves) to the record at fault, reported with
 * {@link BatchListenerFailedException}: the container's error handler commits what came before,
 * retries that record with its back-off and dead-letters it in the end, as for a record listener.
 */
@Component
public class ActivityBatches {

    private static final Logger log = LoggerFactory.getLogger(ActivityBatches.class);
    private static final Map<String, Class<?>> TYPES = Map.of(
            "activity-scheduled", ActivityScheduled.class,
            "activity-completed", ActivityCompleted.class,
            "activity-cancelled", ActivityCancelled.class,
            "activity-overdue", ActivityOverdue.class,
            "activity-corrected", ActivityCorrected.class,
            "evidence-added", EvidenceAdded.class,
            "evidence-removed", EvidenceRemoved.class);

    private final EnvelopeCodec codec;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ActivityProjection projection;
    private final EvidenceProjection evidence;
    private final MeterRegistry meters;
    private final Map<String, Counter> duplicates = new ConcurrentHashMap<>();

    ActivityBatches(EnvelopeCodec codec, JdbcClient jdbc, TransactionTemplate transactions,
                    ActivityProjection projection, EvidenceProjection evidence, ObjectProvider<MeterRegistry> meters) {
        this.codec = codec;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.projection = projection;
        this.evidence = evidence;
        this.meters = meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
    }

    /** A record read: its event, or null when there is nothing to apply (no value, a type we do not use). */
    private record Read(int index, ActivityProjection.ActivityEvent event) {
    }

    /**
     * Applies the records in order; throws {@link BatchListenerFailedException} naming the first record
     * that cannot be applied, after the records before it have been committed.
     */
    public void apply(String consumer, ProjectionTables tables, List<ConsumerRecord<String, String>> records) {
        List<Read> reads = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            try {
                reads.add(new Read(i, read(records.get(i))));
            } catch (RuntimeException e) {
                applyIsolating(consumer, tables, reads);
                throw new BatchListenerFailedException("record " + i + " cannot be applied: " + e.getMessage(), e, i);
            }
        }
        applyIsolating(consumer, tables, reads);
    }

    /**
     * The whole batch in one transaction; if that fails, each half in its own, and so on down to the record at fault
     * (about 2·log2(n) transactions more, 18 for 500 records, where one per record cost up to n): whatever comes
     * before it is committed, and the record is handed to the container's error handler with its index.
     */
    private void applyIsolating(String consumer, ProjectionTables tables, List<Read> reads) {
        if (reads.isEmpty()) {
            return;
        }
        try {
            applyOnce(consumer, tables, reads);
        } catch (RuntimeException batchFailure) {
            if (reads.size() == 1) {
                throw new BatchListenerFailedException(batchFailure.getMessage(), batchFailure, reads.get(0).index());
            }
            log.debug("{}: a batch of {} failed ({}), applying its halves apart", consumer, reads.size(),
                    batchFailure.toString());
            int half = reads.size() / 2;
            applyIsolating(consumer, tables, reads.subList(0, half));
            applyIsolating(consumer, tables, reads.subList(half, reads.size()));
        }
    }

    /** Applies events (not from Kafka: a rebuild's), all or none; returns how many were new to the inbox. */
    public int applyAll(String consumer, ProjectionTables tables, List<ConsumerRecord<String, String>> records) {
        List<Read> reads = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            reads.add(new Read(i, read(records.get(i))));
        }
        return applyOnce(consumer, tables, reads);
    }

    private int applyOnce(String consumer, ProjectionTables tables, List<Read> reads) {
        List<ActivityProjection.ActivityEvent> events = reads.stream().map(Read::event)
                .filter(java.util.Objects::nonNull).toList();
        if (events.isEmpty()) {
            return 0;
        }
        Integer applied = transactions.execute(status -> {
            Set<UUID> fresh = new HashSet<>(jdbc.sql("""
                            insert into processed_event (consumer, event_id, processed_at)
                            select :consumer, id, now() from unnest(:ids::uuid[]) id order by id
                            on conflict do nothing returning event_id""")
                    .param("consumer", consumer)
                    .param("ids", events.stream().map(ActivityProjection.ActivityEvent::eventId).toArray(UUID[]::new))
                    .query(UUID.class).list());
            List<ActivityProjection.ActivityEvent> toApply = new ArrayList<>();
            for (ActivityProjection.ActivityEvent e : events) {
                if (fresh.remove(e.eventId())) { // the first of an id twice in the batch
                    toApply.add(e);
                }
            }
            // Evidence files have their own table; the activity projection gets the activity events.
            projection.apply(tables, toApply.stream().filter(e -> !EvidenceProjection.isEvidence(e)).toList());
            evidence.apply(tables, toApply.stream().filter(EvidenceProjection::isEvidence).toList());
            return toApply.size();
        });
        int skipped = events.size() - (applied == null ? 0 : applied);
        if (skipped > 0) {
            duplicates.computeIfAbsent(consumer, c -> Counter.builder("loa.inbox.duplicates")
                    .description("Redelivered events skipped by the inbox (already processed by this consumer)")
                    .tag("consumer", c).register(meters)).increment(skipped);
        }
        return applied == null ? 0 : applied;
    }

    private ActivityProjection.ActivityEvent read(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return null;
        }
        EnvelopeCodec.ParsedEnvelope parsed = codec.read(record.value());
        Class<?> type = TYPES.get(parsed.type());
        if (type == null) {
            return null; // a type this projection does not use (activity-started, …)
        }
        if (parsed.dataversion() != 1) {
            throw new InvalidEventException("event " + parsed.id() + " (" + parsed.type() + ") has dataversion "
                    + parsed.dataversion() + ", which reporting-service does not know");
        }
        EventEnvelope<?> envelope = codec.bind(parsed, type);
        OffsetDateTime published = record.timestamp() > 0
                ? OffsetDateTime.ofInstant(Instant.ofEpochMilli(record.timestamp()), ZoneOffset.UTC)
                : parsed.time();
        return new ActivityProjection.ActivityEvent(parsed.id(), parsed.type(), envelope.data(), parsed.time(), published);
    }
}
