package vn.loa.testsupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Pattern;


/**
 * Collects every record of some topics, from their beginning, for assertions on what a service published: a
 * Kafka consumer of its own (a fresh group, so it sees everything) on a daemon thread. One recorder per topic
 * pattern and broker is shared by the whole test JVM ({@link #of}), so that the consumer starts once.
 *
 * <pre>{@code
 * TopicRecorder plans = TopicRecorder.of(bootstrapServers, "loa\\.(plan|orgunit)\\.events");
 * TopicRecorder.Received issued = plans.await(TopicRecorder.event("plan-issued", planId));
 * }</pre>
 */
public final class TopicRecorder implements AutoCloseable {

    /** A record as received; {@link #envelope()} is the CloudEvents JSON (null if the value is not JSON). */
    public record Received(String topic, int partition, long offset, String key, String value, JsonNode envelope) {

        public String type() {
            return envelope == null ? null : envelope.path("type").asString();
        }

        public String subject() {
            return envelope == null ? null : envelope.path("subject").asString();
        }

        public JsonNode data() {
            return envelope == null ? null : envelope.get("data");
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, TopicRecorder> SHARED = new ConcurrentHashMap<>();

    private final List<Received> records = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private volatile boolean closed;

    private TopicRecorder(String bootstrapServers, Pattern topics) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-recorder-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // pick up topics created after we subscribed
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(topics);
        this.thread = new Thread(this::poll, "topic-recorder-" + topics.pattern());
        thread.setDaemon(true);
        thread.start();
    }

    /** The JVM's recorder of the topics matching {@code topicPattern} (a regular expression) on that broker. */
    public static TopicRecorder of(String bootstrapServers, String topicPattern) {
        return SHARED.computeIfAbsent(bootstrapServers + " " + topicPattern,
                k -> new TopicRecorder(bootstrapServers, Pattern.compile(topicPattern)));
    }

    /** The JVM's recorder of the shared test broker ({@link LoaInfrastructure#kafkaBootstrapServers()}). */
    public static TopicRecorder of(String topicPattern) {
        return of(LoaInfrastructure.kafkaBootstrapServers(), topicPattern);
    }

    /** A recorder of its own, closed by the caller. */
    public static TopicRecorder start(String bootstrapServers, String topicPattern) {
        return new TopicRecorder(bootstrapServers, Pattern.compile(topicPattern));
    }

    private void poll() {
        try {
            while (!closed) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    records.add(new Received(r.topic(), r.partition(), r.offset(), r.key(), r.value(), parse(r.value())));
                }
            }
        } catch (WakeupException | InterruptException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    private static JsonNode parse(String value) {
        try {
            return value == null ? null : JSON.readTree(value);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** Everything received so far, in order of arrival. */
    public List<Received> records() {
        return List.copyOf(records);
    }

    /** The records whose CloudEvents {@code subject} is {@code subject} (an aggregate's id). */
    public List<Received> about(String subject) {
        return records.stream().filter(r -> subject.equals(r.subject())).toList();
    }

    public List<Received> ofType(String type, String subject) {
        return about(subject).stream().filter(r -> type.equals(r.type())).toList();
    }

    /** The latest record matching, once one has arrived (at most 30 s). */
    public Received await(Predicate<Received> match) {
        return await(match, Duration.ofSeconds(30));
    }

    public Received await(Predicate<Received> match, Duration atMost) {
        return Awaitility.await().atMost(atMost).until(() -> latest(match).orElse(null), r -> r != null);
    }

    private Optional<Received> latest(Predicate<Received> match) {
        return records.stream().filter(match).reduce((a, b) -> b);
    }

    /** An event of CloudEvents {@code type} about {@code subject}. */
    public static Predicate<Received> event(String type, String subject) {
        return r -> type.equals(r.type()) && subject.equals(r.subject());
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        SHARED.values().remove(this);
    }
}
