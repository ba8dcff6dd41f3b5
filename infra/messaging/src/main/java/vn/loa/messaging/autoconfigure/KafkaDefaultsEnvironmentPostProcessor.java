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
 * {@code auto-offset-reset=earliest}, and values read by an {@code ErrorHandlingDeserializer} around
 * a {@code StringDeserializer} (a record that cannot be read goes to the dead-letter topic instead
 * of blocking its partition).
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
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }

    @Override
    public int getOrder() {
        // After the config data (application.yml) has been loaded, so that spring.application.name is known.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
