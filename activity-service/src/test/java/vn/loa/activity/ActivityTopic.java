package vn.loa.activity;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.messaging.Topics;
import vn.loa.testsupport.LoaInfrastructure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every record of loa.activity.events on the shared broker, for the whole test JVM. */
public final class ActivityTopic {

    public record Received(String key, String type, String subject, String value, JsonNode envelope) {
        public JsonNode data() {
            return envelope.get("data");
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<Received> RECORDS = new CopyOnWriteArrayList<>();
    private static volatile boolean started;

    private ActivityTopic() {
    }

    public static synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        Thread t = new Thread(ActivityTopic::poll, "activity-topic-recorder");
        t.setDaemon(true);
        t.start();
    }

    private static void poll() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LoaInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-recorder-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.ACTIVITY_EVENTS));
            while (true) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode envelope = JSON.readTree(r.value());
                    RECORDS.add(new Received(r.key(), envelope.path("type").asString(), envelope.path("subject").asString(),
                            r.value(), envelope));
                }
            }
        }
    }

    public static List<Received> about(UUID activityId) {
        return RECORDS.stream().filter(r -> activityId.toString().equals(r.subject())).toList();
    }

    public static List<Received> ofType(String type, UUID activityId) {
        return about(activityId).stream().filter(r -> type.equals(r.type())).toList();
    }
}
