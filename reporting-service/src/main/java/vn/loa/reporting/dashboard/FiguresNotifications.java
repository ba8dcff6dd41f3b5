package vn.loa.reporting.dashboard;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import vn.loa.reporting.figures.Figures;
import vn.loa.reporting.figures.FiguresChanged;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * The fan-out of live updates across replicas: a dedicated PostgreSQL connection (not one of the
 * pool's) that {@code LISTEN}s on {@link Figures#CHANNEL} and passes every committed change, from
 * whichever replica applied it, to this replica's open streams. PostgreSQL delivers a notification
 * only when the transaction that sent it commits, so a page never hears of a change that rolled
 * back. After the connection is lost (database restart), it reconnects with back-off and tells every
 * open stream to refetch, since notifications sent meanwhile were not heard.
 */
@Component
class FiguresNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FiguresNotifications.class);

    private final DashboardEvents events;
    private final Figures figures;
    private final String url;
    private final Properties credentials = new Properties();
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    FiguresNotifications(DashboardEvents events, Figures figures, @Value("${spring.datasource.url}") String url,
                         @Value("${spring.datasource.username:}") String username,
                         @Value("${spring.datasource.password:}") String password) {
        this.events = events;
        this.figures = figures;
        this.url = url;
        if (!username.isEmpty()) {
            credentials.setProperty("user", username);
        }
        if (!password.isEmpty()) {
            credentials.setProperty("password", password);
        }
        credentials.setProperty("ApplicationName", "reporting-figures-listener");
    }

    /** Whether the connection is up and listening (tests wait for it). */
    boolean listening() {
        return listening;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "figures-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        long backoff = 500;
        boolean first = true;
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, credentials)) {
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + Figures.CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                listening = true;
                backoff = 500;
                if (!first) {
                    log.info("Listening to {} again: every open dashboard stream refetches", Figures.CHANNEL);
                    events.onEverything();
                }
                first = false;
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1_000);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification n : notifications) {
                        dispatch(n.getParameter());
                    }
                }
            } catch (SQLException e) {
                listening = false;
                if (!running) {
                    return;
                }
                log.warn("Dashboard notifications: {} (retrying in {} ms)", e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
        listening = false;
    }

    private void dispatch(String payload) {
        try {
            List<FiguresChanged> changes = figures.parse(payload);
            if (changes == null) {
                events.onEverything();
            } else {
                changes.forEach(events::on);
            }
        } catch (RuntimeException e) {
            log.warn("Dashboard notification not understood ({}): {}", e.getMessage(), payload);
        }
    }
}
