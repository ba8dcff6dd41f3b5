package vn.loa.messaging.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.loa.messaging.Topics;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Sees every record of the plan topic and its dead-letter topic, in a group of its own. */
@Component
public class TopicObserver {

    final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
    final List<ConsumerRecord<String, String>> deadLetters = new CopyOnWriteArrayList<>();
    /** For the benchmark: called with System.nanoTime() of each record's arrival. */
    volatile java.util.function.BiConsumer<String, Long> onArrival;

    @KafkaListener(topics = Topics.PLAN_EVENTS, groupId = "messaging-it-observer")
    void observe(ConsumerRecord<String, String> record) {
        long now = System.nanoTime();
        var callback = onArrival;
        if (callback != null) {
            callback.accept(header(record, "ce_id"), now);
        } else {
            records.add(record);
        }
    }

    @KafkaListener(topics = Topics.PLAN_EVENTS + Topics.DEAD_LETTER_SUFFIX, groupId = "messaging-it-observer")
    void observeDeadLetters(ConsumerRecord<String, String> record) {
        deadLetters.add(record);
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    List<ConsumerRecord<String, String>> withEventId(Object eventId) {
        return records.stream().filter(r -> String.valueOf(eventId).equals(header(r, "ce_id"))).toList();
    }
}
