package vn.loa.testsupport;

/**
 * The PostgreSQL 17 server shared by all tests of one JVM (embedded or a container).
 * Each application gets a database of its own through {@link #createDatabase(String)}.
 */
public interface PostgresServer {

    /** "embedded PostgreSQL 17.6" or "PostgreSQL container postgres:17-alpine". */
    String description();

    String host();

    int port();

    /** A superuser of the server; it owns the databases created for tests. */
    String username();

    String password();

    /**
     * Creates the database if it does not exist yet (idempotent, thread-safe) and returns how to
     * connect to it. Names are lower-cased; anything other than {@code [a-z0-9_]} becomes {@code _}.
     */
    Database createDatabase(String name);

    /** Connection data for one database of the shared server. */
    record Database(String name, String jdbcUrl, String username, String password) {
    }
}
