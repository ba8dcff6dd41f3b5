package vn.loa.reporting.support;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.messaging.Topics;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * Publishes events to Kafka as plan-service and activity-service would: a CloudEvents envelope as
 * the record's value, keyed as EVENTS.md says, with the ce_* headers.
 */
public final class TestEvents implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final JsonMapper json;
    private final List<String> sent = new ArrayList<>();

    public TestEvents(String bootstrapServers, JsonMapper json) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        this.producer = new KafkaProducer<>(p);
        this.json = json;
    }

    /** The envelope JSON of an event (for contract checks). */
    public String envelope(UUID id, String type, String source, String subject, Map<String, Object> data) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("specversion", "1.0");
        e.put("id", id.toString());
        e.put("source", source);
        e.put("type", type);
        e.put("subject", subject);
        e.put("time", OffsetDateTime.now(ZoneOffset.ofHours(7)).toString());
        e.put("dataversion", 1);
        e.put("datacontenttype", "application/json");
        e.put("data", data);
        return json.writeValueAsString(e);
    }

    public UUID send(String topic, String key, String type, String subject, Map<String, Object> data) {
        return send(UUID.randomUUID(), topic, key, type, subject, data);
    }

    /** Sends with a given event id: the same id twice is a redelivery. */
    public UUID send(UUID id, String topic, String key, String type, String subject, Map<String, Object> data) {
        String source = topic.equals(Topics.ACTIVITY_EVENTS) ? "/activity-service" : "/plan-service";
        String value = envelope(id, type, source, subject, data);
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add("ce_id", id.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_source", source.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        deliver(record);
        sent.add(value);
        return id;
    }

    /** A record whose value is whatever {@code value} is (a poison record: not an envelope, not even JSON). */
    public void sendRaw(String topic, String key, String value) {
        deliver(new ProducerRecord<>(topic, key, value));
    }

    private void deliver(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    public UUID orgUnit(String code, String name, String level, String... path) {
        return orgUnitWith(code, name, level, Map.of(), path);
    }

    /** org-unit-registered with more of the unit's state: abbreviation, establishedOn, closedOn, successorCode … */
    public UUID orgUnitWith(String code, String name, String level, Map<String, Object> more, String... path) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("code", code);
        d.put("name", name);
        d.put("level", level);
        if (path.length > 1) {
            d.put("parentCode", path[path.length - 2]);
        }
        d.put("path", List.of(path));
        d.put("units", level.equals("COMMUNE") ? List.of(
                Map.of("code", "van-hoa-thong-tin", "name", "Văn hóa – Thông tin"),
                Map.of("code", "noi-vu", "name", "Nội vụ"),
                Map.of("code", "tu-phap", "name", "Tư pháp"),
                Map.of("code", "buu-dien-xa", "name", "Bưu điện xã"),
                Map.of("code", "van-phong", "name", "Văn phòng UBND xã")) : List.of());
        d.put("abbreviation", "UBND");
        d.putAll(more);
        return send(Topics.ORG_UNIT_EVENTS, code, "org-unit-registered", code, d);
    }

    @Override
    public void close() {
        producer.close();
    }
}
