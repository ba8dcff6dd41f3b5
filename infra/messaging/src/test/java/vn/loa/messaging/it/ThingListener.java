package vn.loa.messaging.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.loa.messaging.EventRoutes;
import vn.loa.messaging.InboundEvents;
import vn.loa.messaging.Topics;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The consumer under test: routes thing-happened to a JPA effect, once per event id. {@code behaviour}
 * "fail-while-switched" fails while {@link #failing} is on, "invalid" throws an IllegalArgumentException,
 * "lock-the-thing" locks the row of {@code thingId} with a 100 ms lock timeout.
 */
@Component
public class ThingListener {

    static final String CONSUMER = "thing-effects";
    private static final Logger log = LoggerFactory.getLogger(ThingListener.class);

    private final EventRoutes routes;
    private final EffectRepository effects;
    /** While on, "fail-while-switched" events fail (a retryable, transient failure). */
    final AtomicBoolean failing = new AtomicBoolean(true);
    /** Handler invocations per event id, rolled back or not. */
    final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();
    /** The MDC seen by the handler, per event id. */
    final Map<UUID, Map<String, String>> mdc = new ConcurrentHashMap<>();

    ThingListener(InboundEvents inbound, EffectRepository effects, JdbcTemplate jdbc) {
        this.effects = effects;
        this.routes = inbound.routes(CONSUMER)
                .on(ThingHappened.class, event -> {
                    attempts.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
                    mdc.put(event.id(), MDC.getCopyOfContextMap());
                    log.info("handling {} {}", event.type(), event.data().name());
                    // The effect is written first: a failure below must roll it back with the inbox row.
                    effects.saveAndFlush(new Effect(event.id(), CONSUMER, event.data().name()));
                    switch (event.data().behaviour()) {
                        case "fail-while-switched" -> {
                            if (failing.get()) {
                                throw new IllegalStateException("transient failure of " + event.id());
                            }
                        }
                        case "invalid" -> throw new IllegalArgumentException("invalid thing " + event.data().thingId());
                        case "lock-the-thing" -> {
                            // A real transient database error while another transaction holds the row:
                            // SQLSTATE 55P03 (lock_not_available) after 100 ms.
                            jdbc.execute("set local lock_timeout = '100ms'");
                            jdbc.queryForList("select id from thing where id = ?::uuid for update", event.data().thingId());
                        }
                        default -> {
                        }
                    }
                })
                .build();
    }

    @KafkaListener(topics = Topics.PLAN_EVENTS)
    void on(ConsumerRecord<String, String> record) {
        routes.dispatch(record);
    }
}
