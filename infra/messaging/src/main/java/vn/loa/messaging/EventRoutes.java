package vn.loa.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.function.Consumer;

/**
 * Dispatches the records of one topic to typed handlers by the envelope's {@code type}. The data is
 * deserialized into the class the handler declares (never by a class name carried in a header).
 * Each handler runs inside {@link Inbox#processOnce}, so redelivered events have no second effect.
 * Types without a handler are skipped (consumers ignore events they do not need).
 * <p>
 * Built with {@link InboundEvents#routes(String)}; call {@link #dispatch} from a
 * {@code @KafkaListener} method.
 */
public interface EventRoutes {

    void dispatch(ConsumerRecord<String, String> record);

    interface Builder {

        /** Handles events whose type is the {@link EventType} of {@code dataType}. */
        <T> Builder on(Class<T> dataType, Consumer<EventEnvelope<T>> handler);

        EventRoutes build();
    }
}
