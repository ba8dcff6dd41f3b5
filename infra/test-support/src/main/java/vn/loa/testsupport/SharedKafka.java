package vn.loa.testsupport;

import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;

/** The Kafka broker shared by all tests of one JVM: in-process KRaft or a container. */
interface SharedKafka {

    String description();

    String bootstrapServers();

    void close();

    /** The container, when the broker runs in one: what {@code @ServiceConnection} wires. */
    default java.util.Optional<KafkaContainer> runningContainer() {
        return java.util.Optional.empty();
    }

    /** How long a container (Kafka, PostgreSQL) may take to start: loaded CI machines need minutes. */
    java.time.Duration STARTUP_TIMEOUT = java.time.Duration.ofMinutes(5);

    /** Broker settings that suit tests: one node, no waiting for a group to fill up. */
    Map<String, String> TEST_BROKER_PROPERTIES = Map.of(
            "auto.create.topics.enable", "true",
            "group.initial.rebalance.delay.ms", "0",
            "offsets.topic.replication.factor", "1",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1");

    static SharedKafka embedded() {
        EmbeddedKafkaKraftBroker broker = EmbeddedKafkaBrokers.start(0);
        String bootstrapServers = broker.getBrokersAsString();
        return new SharedKafka() {
            @Override
            public String description() {
                return "embedded Kafka KRaft broker";
            }

            @Override
            public String bootstrapServers() {
                return bootstrapServers;
            }

            @Override
            public void close() {
                broker.destroy();
            }
        };
    }

    static SharedKafka container() {
        org.testcontainers.utility.DockerImageName imageName = ContainerImages.kafka();
        String image = imageName.asCanonicalNameString();
        KafkaContainer container = new KafkaContainer(imageName);
        // Testcontainers waits 60 s for the broker's log line by default; on a 2-core machine shared with other
        // builds (load 60-100) the broker took longer than that and every IT of the module failed.
        container.withStartupTimeout(STARTUP_TIMEOUT);
        TEST_BROKER_PROPERTIES.forEach((key, value) ->
                container.withEnv("KAFKA_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), value));
        container.start();
        return new SharedKafka() {
            @Override
            public String description() {
                return "Kafka container " + image;
            }

            @Override
            public java.util.Optional<KafkaContainer> runningContainer() {
                return java.util.Optional.of(container);
            }

            @Override
            public String bootstrapServers() {
                return container.getBootstrapServers();
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }
}
