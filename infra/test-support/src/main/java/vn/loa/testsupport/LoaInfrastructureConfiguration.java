package vn.loa.testsupport;

import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points a Spring test context at the shared infrastructure of {@link LoaInfrastructure}:
 * {@code spring.datasource.*} to a database of the application's own, {@code spring.kafka.bootstrap-servers}
 * to the shared broker, and the token properties to the key and claims of {@link TestTokens}.
 *
 * <p>The database is named by {@code loa.test.database} if set, else derived from
 * {@code spring.application.name} ({@code plan-service} → {@code plan_service}); it is created on demand.
 * The values are computed lazily, so a context that binds no datasource starts no PostgreSQL.
 * The properties take precedence over application.yml and {@code @SpringBootTest(properties=...)};
 * a test's own {@code @DynamicPropertySource} for the same name takes precedence over them.
 */
@TestConfiguration(proxyBeanMethods = false)
public class LoaInfrastructureConfiguration {

    /** Set to choose the test database's name instead of deriving it from the application name. */
    public static final String DATABASE_PROPERTY = "loa.test.database";

    /** Name of the property source of {@code @DynamicPropertySource} methods and registrars. */
    private static final String DYNAMIC_PROPERTIES = "Dynamic Test Properties";

    @Bean
    static DynamicPropertyRegistrar loaInfrastructureProperties(Environment environment) {
        return registry -> {
            String database = databaseName(environment);
            Set<String> own = ownDynamicProperties(environment);
            BiConsumer<String, Supplier<Object>> add = (name, value) -> {
                // A test's own @DynamicPropertySource (e.g. a RestartableKafkaBroker's address) must win;
                // both land in the same property source and registrars run after those methods.
                if (!own.contains(name)) {
                    registry.add(name, value);
                }
            };
            add.accept("spring.datasource.url", () -> LoaInfrastructure.postgres().createDatabase(database).jdbcUrl());
            add.accept("spring.datasource.username", () -> LoaInfrastructure.postgres().username());
            add.accept("spring.datasource.password", () -> LoaInfrastructure.postgres().password());
            add.accept("spring.kafka.bootstrap-servers", LoaInfrastructure::kafkaBootstrapServers);
            for (Map.Entry<String, Object> property : LoaInfrastructure.tokenProperties().entrySet()) {
                add.accept(property.getKey(), property::getValue);
            }
        };
    }

    private static Set<String> ownDynamicProperties(Environment environment) {
        if (environment instanceof ConfigurableEnvironment configurable
                && configurable.getPropertySources().get(DYNAMIC_PROPERTIES) instanceof EnumerablePropertySource<?> source) {
            return Set.of(source.getPropertyNames());
        }
        return Set.of();
    }

    static String databaseName(Environment environment) {
        String explicit = environment.getProperty(DATABASE_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        return environment.getProperty("spring.application.name", "loa_test");
    }
}
