package vn.loa.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests set and move, in Asia/Ho_Chi_Minh like the applications' own (loa-common's clock) unless told
 * otherwise. Declare it as a {@code Clock} bean in a test configuration: it replaces the application's. Safe to move
 * from the test thread while the application reads it.
 */
public final class MutableClock extends Clock {

    /** The zone of "today" and of deadlines (API.md). */
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public MutableClock(Instant start) {
        this(start, VIETNAM);
    }

    public MutableClock(Instant start, ZoneId zone) {
        this(new AtomicReference<>(start), zone);
    }

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** A clock at a local date-time of Vietnam, e.g. {@code "2022-04-05T10:00"}. */
    public static MutableClock atLocal(String localDateTime) {
        return new MutableClock(LocalDateTime.parse(localDateTime).atZone(VIETNAM).toInstant());
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    /** Sets the local date-time in the clock's zone, e.g. {@code "2022-04-05T10:00"}. */
    public void setLocal(String localDateTime) {
        now.set(LocalDateTime.parse(localDateTime).atZone(zone).toInstant());
    }

    /** Sets "now" to 09:00 local time on {@code day}: an office morning. */
    public void setLocalDay(LocalDate day) {
        now.set(day.atTime(9, 0).atZone(zone).toInstant());
    }

    public void advance(Duration by) {
        now.updateAndGet(instant -> instant.plus(by));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same moving instant seen in another zone (setting either moves both). */
    @Override
    public MutableClock withZone(ZoneId other) {
        return other.equals(zone) ? this : new MutableClock(now, other);
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
