package vn.loa.reporting.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests set and move; in Asia/Ho_Chi_Minh like the service's. */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public MutableClock(Instant start, ZoneId zone) {
        this.now = new AtomicReference<>(start);
        this.zone = zone;
    }

    /** Sets local date-time in the clock's zone, e.g. "2022-04-05T10:00". */
    public void setLocal(String localDateTime) {
        now.set(ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), zone).toInstant());
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    public void advance(Duration d) {
        now.updateAndGet(i -> i.plus(d));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this.zone.equals(zone) ? this : new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId z) {
                return MutableClock.this.withZone(z);
            }

            @Override
            public Instant instant() {
                return MutableClock.this.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
