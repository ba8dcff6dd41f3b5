package vn.loa.testsupport;

import java.io.IOException;
import java.net.ServerSocket;

import kafka.server.BrokerServer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * An in-process KRaft Kafka broker of one test's own that can be {@link #stop() stopped} and
 * {@link #start() started} again on the same port, keeping its topics and committed offsets.
 *
 * <p>For tests such as "with Kafka stopped the outbox rows wait and are all published after it
 * returns". Point only the application under test at {@link #bootstrapServers()} (e.g. from a
 * {@code @DynamicPropertySource}); everything else keeps using the shared broker. Only the broker
 * side of the node is stopped: its KRaft controller keeps the metadata, so clients see an ordinary
 * broker outage. Always in-process, also when the shared infrastructure runs in containers.
 *
 * <pre>{@code
 * static final RestartableKafkaBroker kafka = LoaInfrastructure.startRestartableKafkaBroker();
 * @AfterAll static void closeKafka() { kafka.close(); }
 * ...
 * kafka.stop();   // port closed, clients get connection refused
 * kafka.start();  // same port, same data
 * }</pre>
 */
public final class RestartableKafkaBroker implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;
    private final String bootstrapServers;
    private boolean running = true;

    private RestartableKafkaBroker(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
        this.bootstrapServers = broker.getBrokersAsString();
    }

    static RestartableKafkaBroker launch() {
        // A fixed port (not 0) so that a restart binds the address that clients already know.
        return new RestartableKafkaBroker(EmbeddedKafkaBrokers.start(freePort()));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public synchronized boolean isRunning() {
        return running;
    }

    /** Shuts the broker down (blocks until its port is closed). Idempotent. */
    public synchronized void stop() {
        if (running) {
            brokerServer().shutdown();
            brokerServer().awaitShutdown();
            running = false;
        }
    }

    /** Starts the stopped broker again on the same port and waits until it serves. Idempotent. */
    public synchronized void start() {
        if (!running) {
            brokerServer().startup();
            try {
                broker.getCluster().waitForReadyBrokers();
            }
            catch (Exception e) {
                throw new IllegalStateException("restarted Kafka broker did not become ready", e);
            }
            running = true;
        }
    }

    @Override
    public synchronized void close() {
        broker.destroy();
        running = false;
    }

    private BrokerServer brokerServer() {
        return broker.getCluster().brokers().values().iterator().next();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new IllegalStateException("no free port for a Kafka broker", e);
        }
    }
}
