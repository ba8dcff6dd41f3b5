package vn.loa.reporting.dashboard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import vn.loa.reporting.figures.FiguresChanged;
import vn.loa.reporting.period.Period;
import vn.loa.reporting.period.PeriodCalendar;
import vn.loa.reporting.period.Window;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Server-sent events of the dashboards: each open page subscribes to one org unit and one quarter or
 * year, and hears {@code changed} when, after a commit on any replica, the figures it shows may have
 * changed (PostgreSQL LISTEN/NOTIFY: {@link FiguresNotifications}). The subscribers of this replica
 * are only its local cache of who listens. A burst
 * of changes (a replay, a rebuild) is coalesced into one event per {@code debounce}; a comment line
 * every {@code heartbeat} keeps proxies from closing an idle stream and finds closed pages.
 */
@Component
class DashboardEvents implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DashboardEvents.class);

    private final PeriodCalendar calendar;
    private final long timeoutMillis;
    private final long debounceMillis;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dashboard-events");
        t.setDaemon(true);
        return t;
    });

    DashboardEvents(PeriodCalendar calendar,
                    @Value("${loa.dashboard.events.timeout:PT30M}") Duration timeout,
                    @Value("${loa.dashboard.events.heartbeat:PT20S}") Duration heartbeat,
                    @Value("${loa.dashboard.events.debounce:PT0.2S}") Duration debounce) {
        this.calendar = calendar;
        this.timeoutMillis = timeout.toMillis();
        this.debounceMillis = debounce.toMillis();
        timer.scheduleWithFixedDelay(this::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A stream for one dashboard, already checked against the caller's scope; opens with a {@code ready} event. */
    SseEmitter subscribe(DashboardService.Scope scope) {
        SseEmitter emitter = new SseEmitter(timeoutMillis);
        Subscriber subscriber = new Subscriber(scope, emitter);
        subscribers.add(subscriber);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(e -> subscribers.remove(subscriber));
        subscriber.send("ready");
        return emitter;
    }

    int subscribers() {
        return subscribers.size();
    }

    /** Every open stream may have changed (a rebuild's swap, or notifications possibly missed). */
    void onEverything() {
        for (Subscriber s : subscribers) {
            s.changedSoon();
        }
    }

    /** A committed change, from any replica (through {@link FiguresNotifications}). */
    void on(FiguresChanged change) {
        for (Subscriber s : subscribers) {
            if (concerns(change, s.scope())) {
                s.changedSoon();
            }
        }
    }

    /** Whether a change may alter the dashboard of the scope: its org unit on the path, and the time overlapping. */
    boolean concerns(FiguresChanged change, DashboardService.Scope scope) {
        if (!change.orgUnitPath().contains(scope.unit().code())) {
            return false;
        }
        Window window = scope.period() != null ? calendar.window(scope.period()) : calendar.yearWindow(scope.year());
        int year = scope.period() != null ? scope.period().year() : scope.year();
        if (change.period() != null) {
            // A report's period: its quarters overlap the dashboard's (an H1 report is the second quarter's).
            Period p = Period.parse(change.period());
            return p.year() == year && (scope.period() == null
                    || p.firstQuarter() <= scope.period().lastQuarter() && scope.period().firstQuarter() <= p.lastQuarter());
        }
        if (!change.dates().isEmpty()) {
            for (LocalDate d : change.dates()) {
                if (!d.isBefore(window.from()) && !d.isAfter(window.to())) {
                    return true;
                }
            }
            return false;
        }
        return change.year() == null || change.year() == year;
    }

    private void heartbeat() {
        for (Subscriber s : subscribers) {
            s.comment("keep-alive");
        }
    }

    /**
     * Ends the open streams when the application starts to close, before the web server's graceful
     * shutdown, which would otherwise wait its whole time-out for these never-ending requests.
     */
    @EventListener(ContextClosedEvent.class)
    void closing() {
        subscribers.forEach(s -> s.emitter().complete());
        subscribers.clear();
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        subscribers.forEach(s -> s.emitter().complete());
        subscribers.clear();
    }

    private final class Subscriber {
        private final DashboardService.Scope scope;
        private final SseEmitter emitter;
        private final AtomicBoolean pending = new AtomicBoolean();

        Subscriber(DashboardService.Scope scope, SseEmitter emitter) {
            this.scope = scope;
            this.emitter = emitter;
        }

        DashboardService.Scope scope() {
            return scope;
        }

        SseEmitter emitter() {
            return emitter;
        }

        void changedSoon() {
            if (pending.compareAndSet(false, true)) {
                timer.schedule(() -> {
                    pending.set(false);
                    send("changed");
                }, debounceMillis, TimeUnit.MILLISECONDS);
            }
        }

        void send(String name) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("orgUnit", scope.unit().code());
            if (scope.period() != null) {
                data.put("period", scope.period().toString());
            } else {
                data.put("year", scope.year());
            }
            try {
                emitter.send(SseEmitter.event().name(name).data(data, org.springframework.http.MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                gone(e);
            }
        }

        void comment(String text) {
            try {
                emitter.send(SseEmitter.event().comment(text));
            } catch (IOException | IllegalStateException e) {
                gone(e);
            }
        }

        private void gone(Exception e) {
            log.debug("Dashboard stream of {} closed: {}", scope.unit().code(), e.toString());
            subscribers.remove(this);
            emitter.completeWithError(e);
        }
    }
}
