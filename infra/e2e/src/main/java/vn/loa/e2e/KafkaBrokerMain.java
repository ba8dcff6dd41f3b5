package vn.loa.e2e;

import vn.loa.localstack.EmbeddedBroker;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The stack's Kafka broker in a JVM of its own, so that fault tests can SIGKILL it like a real broker.
 * Arguments: data directory, port, controller port, log file. Prints {@code READY} once it serves.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start(Path.of(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]), Path.of(args[3]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "kafka-stop"));
        System.out.println("READY");
        System.out.flush();
        stopped.await();
    }
}
