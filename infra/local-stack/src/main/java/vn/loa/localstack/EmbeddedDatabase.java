package vn.loa.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
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
 * A real PostgreSQL 17 from the binaries zonky ships in a Maven artifact, with its data directory kept
 * in {@code .loa/postgres} so that a second start reuses it (zonky runs initdb only when the directory
 * has no {@code postgresql.conf}). When run as root, zonky starts it through {@code unshare}.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String USER = "loa";
    public static final String PASSWORD = "loa";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    public static EmbeddedDatabase start(Path dataDirectory, int port, Path logFile, List<String> databases)
            throws IOException, SQLException {
        Files.createDirectories(dataDirectory);
        Redirect log = Redirect.appendTo(logFile.toFile());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", "localhost")
                .setPGStartupWait(Duration.ofSeconds(90))
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .start();
        EmbeddedDatabase database = new EmbeddedDatabase(postgres, dataDirectory);
        try {
            database.ensureUserAndDatabases(databases);
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /** The postmaster's pid: pg_ctl starts it detached, so it is not a child of this JVM. */
    public long pid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
    }

    private void ensureUserAndDatabases(List<String> databases) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", USER)) {
                statement.execute("CREATE ROLE " + USER + " LOGIN CREATEDB PASSWORD '" + PASSWORD + "'");
            }
            for (String name : databases) {
                if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
                    // Owner loa: Flyway then owns the public schema (PostgreSQL 15+ gives it to the database owner).
                    statement.execute("CREATE DATABASE " + name + " OWNER " + USER + " ENCODING 'UTF8' TEMPLATE template0");
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

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
