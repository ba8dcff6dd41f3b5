package vn.loa.testsupport;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** Starts spring-kafka-test's in-process KRaft broker (one combined broker+controller node). */
final class EmbeddedKafkaBrokers {

    private static final String[] SYSTEM_PROPERTIES = {"spring.kafka.bootstrap-servers", "spring.embedded.kafka.brokers"};

    private EmbeddedKafkaBrokers() {
    }

    /** @param port the broker's port, 0 for any free one */
    static synchronized EmbeddedKafkaKraftBroker start(int port) {
        // The broker publishes its address as JVM-wide system properties; with several brokers in one
        // JVM (shared + restartable) that would silently re-point every later Spring context. Undo it.
        String[] previous = new String[SYSTEM_PROPERTIES.length];
        for (int i = 0; i < previous.length; i++) {
            previous[i] = System.getProperty(SYSTEM_PROPERTIES[i]);
        }
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(SharedKafka.TEST_BROKER_PROPERTIES);
        if (port != 0) {
            broker.kafkaPorts(port);
        }
        try {
            broker.afterPropertiesSet();
        }
        finally {
            for (int i = 0; i < previous.length; i++) {
                if (previous[i] == null) {
                    System.clearProperty(SYSTEM_PROPERTIES[i]);
                }
                else {
                    System.setProperty(SYSTEM_PROPERTIES[i], previous[i]);
                }
            }
        }
        return broker;
    }
}
