package vn.loa.e2e.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * A zonky PostgreSQL 17 server (a process of its own, started by pg_ctl) on a fixed port and data
 * directory, so that it can be stopped ({@code pg_ctl stop -m fast}) and started again with its data.
 */
final class Database {

    static final String USER = "loa";
    static final String PASSWORD = "loa";

    private final Path dataDirectory;
    private final int port;
    private final Path logFile;
    private EmbeddedPostgres postgres;

    Database(Path dataDirectory, int port, Path logFile) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.logFile = logFile;
    }

    synchronized void start() throws IOException {
        Files.createDirectories(dataDirectory);
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", "localhost")
                // Throw-away data, but commits stay synchronous: a stop loses nothing acknowledged.
                .setServerConfig("fsync", "off")
                .setPGStartupWait(Duration.ofSeconds(120))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
    }

    /** {@code pg_ctl stop -m fast}: open connections are cut, committed data stays in the data directory. */
    synchronized void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    void createDatabases(List<String> names) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + USER + " LOGIN CREATEDB PASSWORD '" + PASSWORD + "'");
            for (String name : names) {
                statement.execute("CREATE DATABASE " + name + " OWNER " + USER + " ENCODING 'UTF8' TEMPLATE template0");
            }
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
    }
}
