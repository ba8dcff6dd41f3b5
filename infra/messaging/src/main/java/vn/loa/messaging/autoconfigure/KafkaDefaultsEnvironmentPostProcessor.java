package vn.loa.messaging.autoconfigure;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Consumer defaults for every service, at the lowest precedence so that any
 * {@code spring.kafka.consumer.*} a service sets wins: group id = {@code spring.application.name},
 * {@code auto-offset-reset=earliest}, a 15 s session timeout, and values read by an {@code ErrorHandlingDeserializer} around
 * a {@code StringDeserializer} (a record that cannot be read goes to the dead-letter topic instead
 * of blocking its partition); and Flyway's {@code out-of-order}, so that a migration added to a library
 * later (numbered below the services' own) runs on existing databases.
 */
public class KafkaDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "loaMessagingKafkaDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        if (environment.containsProperty("spring.application.name")) {
            defaults.put("spring.kafka.consumer.group-id", "${spring.application.name}");
        }
        defaults.put("spring.kafka.consumer.auto-offset-reset", "earliest");
        defaults.put("spring.kafka.consumer.key-deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        defaults.put("spring.kafka.consumer.value-deserializer",
                "org.springframework.kafka.support.serializer.ErrorHandlingDeserializer");
        defaults.put("spring.kafka.consumer.properties.spring.deserializer.value.delegate.class",
                "org.apache.kafka.common.serialization.StringDeserializer");
        // A replica that dies without leaving the group (SIGKILL, a lost node) holds its partitions until its session
        // expires: 15 s instead of Kafka's 45 s. Heartbeats come from the client's own thread every 3 s, so a long
        // batch does not cost the membership (max.poll.interval.ms bounds that).
        defaults.put("spring.kafka.consumer.properties.session.timeout.ms", "15000");
        // While no broker answers, the admin client of the kafka health component logs "Rebootstrapping" at INFO ten
        // times a second (Kafka 4's metadata recovery); the health component and the clients' WARNs say it already.
        defaults.put("logging.level.org.apache.kafka.clients.admin.internals.AdminMetadataManager", "WARN");
        // The libraries ship their migrations numbered below the services' own (V0_1…, a service starts at V1__):
        // a library migration added later (V0_1_1) must still run on a database that has the service's V1.
        defaults.put("spring.flyway.out-of-order", "true");
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }

    @Override
    public int getOrder() {
        // After the config data (application.yml) has been loaded, so that spring.application.name is known.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
