package vn.loa.messaging.outbox;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import vn.loa.messaging.Topics;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The library's own producers (the relay, replays, dead letters), kept apart from the application's
 * {@code KafkaTemplate}: String keys, values String (envelopes) or byte[] (undeserializable records
 * sent to a dead-letter topic as they came), idempotent, {@code acks=all}. Not beans of type
 * {@code KafkaTemplate} or {@code ProducerFactory}, so that Boot's own stay in place.
 * <p>
 * Two producers, because the limits differ: events at most {@link Topics#MAX_RECORD_BYTES}
 * ({@code max.request.size}, unless the application sets it), dead letters, which add headers to a
 * record of that size, up to {@link Topics#DEAD_LETTER_MAX_MESSAGE_BYTES}. The dead-letter producer is only
 * created when the first record is dead-lettered.
 */
public class MessagingProducer implements DisposableBean {

    private final DefaultKafkaProducerFactory<String, Object> factory;
    private final KafkaTemplate<String, Object> template;
    private final DefaultKafkaProducerFactory<String, Object> deadLetterFactory;
    private final KafkaTemplate<String, Object> deadLetterTemplate;
    private final int maxRequestSize;

    /**
     * @param baseConfig  the application's producer configuration (bootstrap servers, security, …)
     * @param sendTimeout bounds {@code delivery.timeout.ms} unless configured
     */
    public MessagingProducer(Map<String, Object> baseConfig, Duration sendTimeout) {
        Map<String, Object> config = new HashMap<>(baseConfig);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        long delivery = Math.max(sendTimeout.toMillis(), 2000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(delivery / 2, 30_000));
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(delivery, 10_000L));
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "loa-messaging");
        // Agrees with the topics' max.message.bytes (Topics): what the producer accepts, the broker accepts.
        config.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES);
        this.maxRequestSize = Integer.parseInt(String.valueOf(config.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)));
        this.factory = factory(config);
        this.template = new KafkaTemplate<>(factory);

        Map<String, Object> deadLetters = new HashMap<>(config);
        deadLetters.put(ProducerConfig.CLIENT_ID_CONFIG, config.get(ProducerConfig.CLIENT_ID_CONFIG) + "-dlt");
        deadLetters.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                Math.max(maxRequestSize, Topics.DEAD_LETTER_MAX_MESSAGE_BYTES - 12));
        this.deadLetterFactory = factory(deadLetters);
        this.deadLetterTemplate = new KafkaTemplate<>(deadLetterFactory);
    }

    private static DefaultKafkaProducerFactory<String, Object> factory(Map<String, Object> config) {
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(String.class, new StringSerializer());
        byType.put(byte[].class, new ByteArraySerializer());
        return new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new DelegatingByTypeSerializer(byType));
    }

    /** Events (relay, replays of dead letters and parked rows): at most {@link #maxRequestSize()} bytes. */
    public KafkaTemplate<String, Object> template() {
        return template;
    }

    /** Records sent to {@code <topic>-dlt}: the original plus the failure's headers. */
    public KafkaTemplate<String, Object> deadLetterTemplate() {
        return deadLetterTemplate;
    }

    /** The events producer's {@code max.request.size}. */
    public int maxRequestSize() {
        return maxRequestSize;
    }

    /**
     * Closes the events producer; the next send makes a new one (a new producer id). What the Kafka client
     * requires after a fatal error, and what the relay does after sends failed for longer than the producer's
     * own retries last ({@link OutboxRelay#setProducerReset}).
     */
    public void reset() {
        factory.reset();
    }

    @Override
    public void destroy() {
        factory.destroy();
        deadLetterFactory.destroy();
    }
}
