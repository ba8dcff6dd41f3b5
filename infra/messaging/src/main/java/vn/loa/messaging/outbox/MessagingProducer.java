package vn.loa.messaging.outbox;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The library's own producer (the relay, dead letters, replays), kept apart from the application's
 * {@code KafkaTemplate}: String keys, values String (envelopes) or byte[] (undeserializable records
 * sent to a dead-letter topic as they came), idempotent, {@code acks=all}. Not a bean of type
 * {@code KafkaTemplate} or {@code ProducerFactory}, so that Boot's own stay in place.
 */
public class MessagingProducer implements DisposableBean {

    private final DefaultKafkaProducerFactory<String, Object> factory;
    private final KafkaTemplate<String, Object> template;

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
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(String.class, new StringSerializer());
        byType.put(byte[].class, new ByteArraySerializer());
        this.factory = new DefaultKafkaProducerFactory<>(config, new StringSerializer(),
                new DelegatingByTypeSerializer(byType));
        this.template = new KafkaTemplate<>(factory);
    }

    public KafkaTemplate<String, Object> template() {
        return template;
    }

    @Override
    public void destroy() {
        factory.destroy();
    }
}
