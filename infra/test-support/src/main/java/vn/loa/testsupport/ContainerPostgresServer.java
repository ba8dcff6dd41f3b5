package vn.loa.testsupport;

import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL 17 in a container, used when a Docker engine (or Podman's Docker API) is reachable: the public
 * postgres image, or localhost/loa/postgres:17 built by ./loa images ({@link ContainerImages}).
 */
final class ContainerPostgresServer extends AbstractPostgresServer {

    private final PostgreSQLContainer container;
    private final String image;

    private ContainerPostgresServer(PostgreSQLContainer container, String image) {
        this.container = container;
        this.image = image;
    }

    static ContainerPostgresServer start() {
        DockerImageName image = ContainerImages.postgres();
        PostgreSQLContainer container = new PostgreSQLContainer(image)
                .withCommand("postgres", "-c", "max_connections=400", "-c", "fsync=off",
                        "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
                // As the Kafka container's (SharedKafka): the default 60 s is too short on a loaded machine.
                .withStartupTimeout(SharedKafka.STARTUP_TIMEOUT);
        container.start();
        return new ContainerPostgresServer(container, image.asCanonicalNameString());
    }

    @Override
    public String description() {
        return "PostgreSQL container " + image;
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
