package vn.loa.testsupport;

import java.util.Locale;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** Starts spring-kafka-test's in-process KRaft broker (one combined broker+controller node). */
final class EmbeddedKafkaBrokers {

    private static final String[] SYSTEM_PROPERTIES = {"spring.kafka.bootstrap-servers", "spring.embedded.kafka.brokers"};

    private EmbeddedKafkaBrokers() {
    }

    /** The broker's own loggers and the clients' config dumps: thousands of INFO lines per test run otherwise. */
    private static final String[] BROKER_LOGGERS = {"kafka", "state.change.logger", "org.apache.kafka.controller",
            "org.apache.kafka.coordinator", "org.apache.kafka.image", "org.apache.kafka.metadata", "org.apache.kafka.raft",
            "org.apache.kafka.server", "org.apache.kafka.storage", "org.apache.kafka.snapshot", "org.apache.kafka.common.test",
            "org.apache.kafka.security", "org.apache.kafka.network", "org.apache.kafka.queue",
            // Logs each broker's and client's 60-300-line "...Config values:" dump at INFO (its warnings stay).
            "org.apache.kafka.common.config.AbstractConfig"};

    /** @param port the broker's port, 0 for any free one */
    static synchronized EmbeddedKafkaKraftBroker start(int port) {
        quietBrokerLogs();
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

    /** {@code -Dloa.test.kafka-broker-log-level=INFO} brings the broker's logs back when debugging it. */
    private static void quietBrokerLogs() {
        LogLevel level = LogLevel.valueOf(System.getProperty("loa.test.kafka-broker-log-level", "WARN").toUpperCase(Locale.ROOT));
        try {
            LoggingSystem logging = LoggingSystem.get(EmbeddedKafkaBrokers.class.getClassLoader());
            for (String logger : BROKER_LOGGERS) {
                logging.setLogLevel(logger, level);
                // Spring Boot re-initialises logging for each application it starts later in this JVM and
                // then applies logging.level.* from the environment, which includes system properties.
                if (System.getProperty("logging.level." + logger) == null) {
                    System.setProperty("logging.level." + logger, level.name());
                }
            }
        }
        catch (RuntimeException e) {
            // No supported logging system: the broker is just louder.
        }
    }
}
