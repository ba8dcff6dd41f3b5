package vn.loa.messaging.it;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For the benchmarks: a KRaft broker (spring-kafka-test's, as in the tests) in a JVM of its own, so that its
 * threads, heap and garbage collections are not the measured application's (issue 17.3: "outbox commit → Kafka with
 * the broker in its own process"). Started with this JVM's class path; stopped by {@link #close()} or when this JVM
 * exits. Its output goes to {@code target/kafka-broker-process.log}.
 */
final class KafkaBrokerProcess implements AutoCloseable {

    private static final String READY = "LOA-BENCHMARK-BROKER ";

    private final Process process;
    private final String bootstrapServers;

    private KafkaBrokerProcess(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /** @param javaOptions the broker JVM's options, e.g. {@code -Xmx512m -XX:+UseSerialGC} */
    static KafkaBrokerProcess start(String javaOptions) throws IOException, InterruptedException {
        Path log = Path.of("target", "kafka-broker-process.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(javaOptions.trim().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), KafkaBrokerProcess.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "benchmark-broker-stop"));
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        Pattern ready = Pattern.compile(Pattern.quote(READY) + "(\\S+)");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker process exited with " + process.exitValue() + ": "
                        + Files.readString(log));
            }
            if (Files.exists(log)) {
                Matcher m = ready.matcher(Files.readString(log));
                if (m.find()) {
                    return new KafkaBrokerProcess(process, m.group(1));
                }
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the broker process did not start within 3 minutes, see " + log);
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    /** The broker's JVM: starts it, prints its address, runs until it is terminated. */
    public static void main(String[] args) throws Exception {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        // As test-support's shared broker: topics on first use, no rebalance delay, one replica of everything.
        broker.brokerProperties(Map.of("auto.create.topics.enable", "true", "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.replication.factor", "1", "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1"));
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "broker-stop"));
        System.out.println(READY + broker.getBrokersAsString());
        System.out.flush();
        Thread.currentThread().join();
    }
}
