package vn.loa.messaging.inbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.messaging.EventEnvelope;
import vn.loa.messaging.EventRoutes;
import vn.loa.messaging.EventType;
import vn.loa.messaging.Inbox;
import vn.loa.messaging.InboundEvents;
import vn.loa.messaging.UnknownDataVersionException;
import vn.loa.messaging.envelope.EnvelopeCodec;
import vn.loa.messaging.envelope.EnvelopeCodec.ParsedEnvelope;
import vn.loa.messaging.tracing.TraceContext;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Builds {@link EventRoutes} that parse the envelope, pick the handler by type and run it once per event id. */
public class DefaultInboundEvents implements InboundEvents {

    private static final Logger log = LoggerFactory.getLogger(DefaultInboundEvents.class);

    private final EnvelopeCodec codec;
    private final Inbox inbox;
    private final TraceContext traceContext;
    private final MeterRegistry meters;

    public DefaultInboundEvents(EnvelopeCodec codec, Inbox inbox, TraceContext traceContext) {
        this(codec, inbox, traceContext, new SimpleMeterRegistry());
    }

    /** @param meters counts {@value #DUPLICATES_METER} (tag {@code consumer}): redelivered events the inbox skipped */
    public DefaultInboundEvents(EnvelopeCodec codec, Inbox inbox, TraceContext traceContext, MeterRegistry meters) {
        this.codec = codec;
        this.inbox = inbox;
        this.traceContext = traceContext;
        this.meters = meters;
    }

    /** Events a consumer received again and skipped because its inbox already had their id. */
    public static final String DUPLICATES_METER = "loa.inbox.duplicates";

    /** Events of a type a consumer has no handler for, skipped (tags {@code consumer}, {@code type}). */
    public static final String UNKNOWN_TYPES_METER = "loa.inbox.unknown.types";

    @Override
    public EventRoutes.Builder routes(String consumer) {
        if (consumer == null || consumer.isBlank()) {
            throw new IllegalArgumentException("consumer name required: it is recorded in the inbox with each event id");
        }
        return new RoutesBuilder(consumer);
    }

    private final class RoutesBuilder implements EventRoutes.Builder {

        private final String consumer;
        /** type → dataversion → route: a consumer may handle several versions of a type with one record each. */
        private final Map<String, Map<Integer, Route<?>>> routes = new LinkedHashMap<>();

        private RoutesBuilder(String consumer) {
            this.consumer = consumer;
        }

        @Override
        public <T> EventRoutes.Builder on(Class<T> dataType, Consumer<EventEnvelope<T>> handler) {
            Objects.requireNonNull(handler, "handler");
            EventType eventType = EnvelopeCodec.eventType(dataType);
            Map<Integer, Route<?>> versions = routes.computeIfAbsent(eventType.value(), t -> new TreeMap<>());
            if (versions.putIfAbsent(eventType.version(), new Route<>(dataType, handler)) != null) {
                throw new IllegalStateException("two handlers for " + eventType.value() + " version "
                        + eventType.version() + " in " + consumer);
            }
            return this;
        }

        @Override
        public EventRoutes build() {
            Map<String, Map<Integer, Route<?>>> copy = new LinkedHashMap<>();
            routes.forEach((type, versions) -> copy.put(type, Map.copyOf(versions)));
            return new TypedRoutes(consumer, Map.copyOf(copy));
        }
    }

    private record Route<T>(Class<T> dataType, Consumer<EventEnvelope<T>> handler) {
    }

    private final class TypedRoutes implements EventRoutes {

        private final String consumer;
        private final Map<String, Map<Integer, Route<?>>> routes;
        private final Counter duplicates;

        private TypedRoutes(String consumer, Map<String, Map<Integer, Route<?>>> routes) {
            this.consumer = consumer;
            this.routes = routes;
            this.duplicates = Counter.builder(DUPLICATES_METER)
                    .description("Redelivered events skipped by the inbox (already processed by this consumer)")
                    .tag("consumer", consumer)
                    .register(meters);
        }

        @Override
        public void dispatch(ConsumerRecord<String, String> record) {
            if (record.value() == null) {
                log.debug("{}: skipping record {}-{}@{} without value", consumer, record.topic(), record.partition(),
                        record.offset());
                return;
            }
            ParsedEnvelope parsed = codec.read(record.value());
            Map<Integer, Route<?>> versions = routes.get(parsed.type());
            String traceparent = parsed.traceparent() != null ? parsed.traceparent() : header(record, "traceparent");
            try (TraceContext.Scope scope = traceContext.enter(parsed.id().toString(), parsed.type(), traceparent)) {
                if (versions == null) {
                    // Consumers ignore the types they do not need; counted, so that a type nobody handles shows.
                    meters.counter(UNKNOWN_TYPES_METER, "consumer", consumer, "type", parsed.type()).increment();
                    log.debug("{}: no handler for {} (event {}), skipped", consumer, parsed.type(), parsed.id());
                    return;
                }
                Route<?> route = versions.get(parsed.dataversion());
                if (route == null) {
                    UnknownDataVersionException unknown = new UnknownDataVersionException(consumer, parsed.id(),
                            parsed.type(), parsed.dataversion(), versions.keySet());
                    scope.error(unknown);
                    throw unknown;
                }
                try {
                    // Bind before the transaction: unbindable data is not retried, and costs no connection.
                    EventEnvelope<?> envelope = codec.bind(parsed, route.dataType());
                    boolean ran = inbox.processOnce(consumer, parsed.id(), () -> accept(route, envelope));
                    if (ran) {
                        log.debug("{}: handled {} (event {})", consumer, parsed.type(), parsed.id());
                    } else {
                        duplicates.increment();
                        log.debug("{}: event {} ({}) already processed, skipped", consumer, parsed.id(), parsed.type());
                    }
                } catch (RuntimeException e) {
                    scope.error(e);
                    throw e;
                }
            }
        }

        @SuppressWarnings("unchecked")
        private <T> void accept(Route<T> route, EventEnvelope<?> envelope) {
            route.handler().accept((EventEnvelope<T>) envelope);
        }

        private String header(ConsumerRecord<String, String> record, String name) {
            Header header = record.headers().lastHeader(name);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    }
}
