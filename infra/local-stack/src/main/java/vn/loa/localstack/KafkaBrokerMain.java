package vn.loa.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The stack's Kafka broker ({@link EmbeddedBroker}) as a JVM of its own, so that it can be SIGKILLed like a
 * real broker. The storage is kept across starts: a broker killed and started again on the same directory
 * and ports keeps its topics, records and committed offsets, as on a real broker host.
 * Arguments: data directory, port, controller port, log file of the storage format; for a node of a cluster
 * also node id, {@code controller.quorum.voters}, cluster size and extra listeners ({@code NAME=port:advertised}).
 * Prints {@link #READY}
 * once it serves.
 */
public final class KafkaBrokerMain {

    /** The line printed once the broker answers. */
    public static final String READY = "LOA-KAFKA-BROKER-READY";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        EmbeddedBroker.Node node = EmbeddedBroker.Node.parse(args);
        // A node of a cluster shares the cluster id with the others (the file one level up, written by the launcher).
        Path clusterId = node.clusterSize() > 1 ? directory.getParent().resolve("cluster.id") : directory.resolve("cluster.id");
        EmbeddedBroker broker = EmbeddedBroker.start(directory, node, clusterId, Path.of(args[3]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "kafka-stop"));
        System.out.println(READY);
        System.out.flush();
        stopped.await();
    }
}
