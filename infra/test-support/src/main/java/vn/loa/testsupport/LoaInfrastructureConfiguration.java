package vn.loa.testsupport;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Points a Spring test context at the shared infrastructure of {@link LoaInfrastructure}: a database of
 * the application's own on the shared PostgreSQL, the shared Kafka broker, and the token properties of
 * {@link TestTokens}.
 *
 * <p>The connections are Spring Boot {@code ConnectionDetails} beans, the mechanism behind
 * {@code @ServiceConnection}, so they exist whenever a bean needs them (an embedded web server's filters
 * need the DataSource before any property registrar has run):
 * <ul>
 * <li>Kafka in a container: the shared {@link KafkaContainer} as a {@code @ServiceConnection} bean;</li>
 * <li>Kafka embedded: a {@link KafkaConnectionDetails} to the in-process broker;</li>
 * <li>PostgreSQL, either way: a {@link JdbcConnectionDetails} to the application's own database on the shared
 * server (a {@code @ServiceConnection} PostgreSQL container would give every application the container's
 * single database). The database is named by {@code loa.test.database} if set, else derived from
 * {@code spring.application.name} ({@code plan-service} → {@code plan_service}); it is created on demand.</li>
 * </ul>
 * The same values are also registered as properties ({@code spring.datasource.*},
 * {@code spring.kafka.bootstrap-servers}, token settings) for code that reads them. Everything is computed
 * lazily: a context that needs no datasource starts no PostgreSQL. A test's own {@code @DynamicPropertySource}
 * for {@code spring.datasource.url} or {@code spring.kafka.bootstrap-servers} wins: the connection bean
 * for it is then left out and Boot uses the property.
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

    @Bean
    @Conditional(DatabaseNotOverridden.class)
    static JdbcConnectionDetails loaJdbcConnectionDetails(Environment environment) {
        return new SharedDatabaseConnectionDetails(databaseName(environment));
    }

    @Bean
    @Conditional(EmbeddedKafkaInUse.class)
    static KafkaConnectionDetails loaKafkaConnectionDetails() {
        return () -> List.of(LoaInfrastructure.kafkaBootstrapServers().split(","));
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(KafkaContainerInUse.class)
    static class KafkaContainerConnection {

        // Shared by every context of the JVM: closing one context must not stop it (no inferred close()).
        @Bean(destroyMethod = "")
        @ServiceConnection
        KafkaContainer loaKafkaContainer() {
            return LoaInfrastructure.kafkaContainer().orElseThrow();
        }
    }

    /** Resolved on first use, so that merely creating the bean starts nothing. */
    private static final class SharedDatabaseConnectionDetails implements JdbcConnectionDetails {

        private final String database;
        private volatile PostgresServer.Database created;

        SharedDatabaseConnectionDetails(String database) {
            this.database = database;
        }

        private PostgresServer.Database database() {
            if (created == null) {
                created = LoaInfrastructure.postgres().createDatabase(database);
            }
            return created;
        }

        @Override
        public String getJdbcUrl() {
            return database().jdbcUrl();
        }

        @Override
        public String getUsername() {
            return LoaInfrastructure.postgres().username();
        }

        @Override
        public String getPassword() {
            return LoaInfrastructure.postgres().password();
        }
    }

    static final class DatabaseNotOverridden implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !ownDynamicProperties(context.getEnvironment()).contains("spring.datasource.url");
        }
    }

    static final class KafkaContainerInUse implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !ownDynamicProperties(context.getEnvironment()).contains("spring.kafka.bootstrap-servers")
                    && LoaInfrastructure.kafkaContainer().isPresent();
        }
    }

    static final class EmbeddedKafkaInUse implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !ownDynamicProperties(context.getEnvironment()).contains("spring.kafka.bootstrap-servers")
                    && LoaInfrastructure.kafkaContainer().isEmpty();
        }
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
