package vn.loa.messaging.deadletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code loa.messaging.dead.letters.pending}: dead letters of this service not replayed yet. Read from
 * the table on a scrape, at most once per {@code refresh}, so that a busy scraper costs one count per
 * interval; when the database cannot answer the last value stays.
 */
public class DeadLetterMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterMetrics.class);

    private final DeadLetterStore store;
    private final Duration refresh;
    private final Clock clock;
    private Instant readAt = Instant.MIN;
    private double value = Double.NaN;

    public DeadLetterMetrics(DeadLetterStore store, Duration refresh, Clock clock) {
        this.store = store;
        this.refresh = refresh;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("loa.messaging.dead.letters.pending", this, DeadLetterMetrics::pending)
                .description("Dead letters not replayed yet")
                .register(registry);
    }

    synchronized double pending() {
        Instant now = clock.instant();
        if (readAt.plus(refresh).isAfter(now)) {
            return value;
        }
        try {
            value = store.countNotReplayed();
        } catch (RuntimeException e) {
            log.debug("Could not count dead letters: {}", e.toString());
        }
        readAt = now;
        return value;
    }
}
