package vn.loa.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * A real PostgreSQL 17 server from the binaries zonky ships in a Maven artifact (its own process, started by
 * pg_ctl), on a fixed port and data directory, so that it can be stopped ({@code pg_ctl stop -m fast}),
 * killed (SIGKILL to the postmaster, recovered from the WAL at the next start) and started again with its
 * data. zonky runs initdb only when the directory has no {@code postgresql.conf}; when run as root it
 * starts the server through {@code unshare}. Creates the {@code loa} role and the given databases when
 * they are missing.
 */
public final class PostgresServer {

    public static final String USER = "loa";
    public static final String PASSWORD = "loa";

    private final String name;
    private final Path dataDirectory;
    private final int port;
    private final Path logFile;
    private final List<String> databases;
    private final boolean durable;
    private final Path pidFile;
    private EmbeddedPostgres postgres;

    /**
     * {@code durable=false} turns fsync off (throw-away test data; commits stay synchronous, so a stop or a
     * killed postmaster loses nothing acknowledged, only a machine crash would). zonky's own default of
     * {@code synchronous_commit=off} is overridden either way.
     */
    public PostgresServer(String name, Path dataDirectory, int port, Path logFile, List<String> databases,
                          boolean durable, Path pidFile) {
        this.name = name;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.logFile = logFile;
        this.databases = List.copyOf(databases);
        this.durable = durable;
        this.pidFile = pidFile;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public List<String> databases() {
        return databases;
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized boolean isRunning() {
        return postgres != null;
    }

    public synchronized void start() throws IOException, SQLException {
        if (postgres != null) {
            return;
        }
        Files.createDirectories(dataDirectory);
        Files.createDirectories(logFile.getParent());
        Redirect log = Redirect.appendTo(logFile.toFile());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", "localhost")
                // zonky's default is off: a killed server would lose what it had just acknowledged.
                .setServerConfig("synchronous_commit", "on")
                .setPGStartupWait(Duration.ofSeconds(120))
                .setOutputRedirector(log)
                .setErrorRedirector(log);
        if (!durable) {
            builder.setServerConfig("fsync", "off");
        }
        EmbeddedPostgres started = builder.start();
        try {
            ensureUserAndDatabases(started);
        } catch (SQLException | RuntimeException e) {
            started.close();
            throw e;
        }
        postgres = started;
        if (pidFile != null) {
            Files.createDirectories(pidFile.getParent());
            Files.writeString(pidFile, Long.toString(pid()));
        }
    }

    /** {@code pg_ctl stop -m fast}: open connections are cut, committed data stays in the data directory. */
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(name + " did not stop: " + e.getMessage(), e);
        } finally {
            postgres = null;
            forgetPid();
        }
    }

    /** SIGKILL to the postmaster and its backends; the next {@link #start()} recovers from the WAL. */
    public synchronized void kill() {
        if (postgres == null) {
            return;
        }
        long pid = pid();
        ProcessHandle.of(pid).ifPresent(postmaster -> {
            // The backends too: one still attached to the shared memory would keep a new postmaster from starting.
            List<ProcessHandle> all = new java.util.ArrayList<>(postmaster.descendants().toList());
            all.add(postmaster);
            all.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle process : all) {
                try {
                    process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(name + ": pid " + process.pid() + " still running 30 s after SIGKILL", e);
                }
            }
        });
        try {
            // Releases zonky's lock on the data directory (its pg_ctl stop finds nothing left to stop).
            postgres.close();
        } catch (IOException | RuntimeException e) {
            // the server is gone either way
        } finally {
            postgres = null;
            forgetPid();
        }
    }

    /** The postmaster's pid: pg_ctl starts it detached, so it is not a child of this JVM. */
    public long pid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    private void forgetPid() {
        if (pidFile != null) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                // a stale pid file is checked against the command line by ./loa
            }
        }
    }

    private void ensureUserAndDatabases(EmbeddedPostgres started) throws SQLException {
        try (Connection connection = started.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", USER)) {
                statement.execute("CREATE ROLE " + USER + " LOGIN CREATEDB PASSWORD '" + PASSWORD + "'");
            }
            for (String database : databases) {
                if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                    // Owner loa: Flyway then owns the public schema (PostgreSQL 15+ gives it to the database owner).
                    statement.execute("CREATE DATABASE " + database + " OWNER " + USER + " ENCODING 'UTF8' TEMPLATE template0");
                }
            }
        }
    }

    private static boolean exists(Connection connection, String sql, String value) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, value);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
