package vn.loa.testsupport;

import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL 17 in a container, used when a Docker engine is reachable. */
final class ContainerPostgresServer extends AbstractPostgresServer {

    static final String IMAGE = "postgres:17-alpine";

    private final PostgreSQLContainer container;

    private ContainerPostgresServer(PostgreSQLContainer container) {
        this.container = container;
    }

    static ContainerPostgresServer start() {
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE)
                .withCommand("postgres", "-c", "max_connections=400", "-c", "fsync=off",
                        "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
        container.start();
        return new ContainerPostgresServer(container);
    }

    @Override
    public String description() {
        return "PostgreSQL container " + IMAGE;
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
    }

    @Override
    public String username() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    void close() {
        container.stop();
    }
}
