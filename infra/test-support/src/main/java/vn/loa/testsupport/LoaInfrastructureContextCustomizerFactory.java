package vn.loa.testsupport;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives a test context the infrastructure properties from the start, as a property source whose values
 * are computed on first read: beans created before the web server (a DataSource needed by a servlet
 * filter, say) and conditions evaluated while the context is parsed see them too, which a
 * {@code DynamicPropertyRegistrar} bean cannot promise. Applies to tests annotated
 * {@link LoaIntegrationTest} or importing {@link LoaInfrastructureConfiguration}.
 *
 * <p>Precedence: above application.yml and below the test's own inline and dynamic properties and
 * system properties, so a test can still point one property elsewhere.
 */
class LoaInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        MergedAnnotations annotations = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY);
        boolean wanted = annotations.isPresent(LoaIntegrationTest.class)
                || annotations.stream(Import.class).map(MergedAnnotation::synthesize)
                        .anyMatch(i -> List.of(i.value()).contains(LoaInfrastructureConfiguration.class));
        return wanted ? new Customizer() : null;
    }

    /** All instances are equal, so that contexts are still cached and shared between test classes. */
    static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            ConfigurableEnvironment environment = context.getEnvironment();
            MutablePropertySources sources = environment.getPropertySources();
            InfrastructurePropertySource source = new InfrastructurePropertySource(environment);
            String firstConfigFile = sources.stream().map(PropertySource::getName)
                    .filter(name -> name.startsWith("Config resource")).findFirst().orElse(null);
            if (firstConfigFile != null) {
                sources.addBefore(firstConfigFile, source);
            } else {
                sources.addLast(source);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }

    static final class InfrastructurePropertySource extends EnumerablePropertySource<ConfigurableEnvironment> {

        private static final String[] NAMES = {"spring.datasource.url", "spring.datasource.username",
                "spring.datasource.password", "spring.kafka.bootstrap-servers"};

        InfrastructurePropertySource(ConfigurableEnvironment environment) {
            super("Loa test infrastructure", environment);
        }

        @Override
        public String[] getPropertyNames() {
            String[] tokens = LoaInfrastructure.tokenProperties().keySet().toArray(String[]::new);
            String[] all = new String[NAMES.length + tokens.length];
            System.arraycopy(NAMES, 0, all, 0, NAMES.length);
            System.arraycopy(tokens, 0, all, NAMES.length, tokens.length);
            return all;
        }

        @Override
        public Object getProperty(String name) {
            Map<String, Object> tokens = LoaInfrastructure.tokenProperties();
            if (tokens.containsKey(name)) {
                return tokens.get(name);
            }
            return switch (name) {
                case "spring.datasource.url" -> LoaInfrastructure.postgres()
                        .createDatabase(LoaInfrastructureConfiguration.databaseName(getSource())).jdbcUrl();
                case "spring.datasource.username" -> LoaInfrastructure.postgres().username();
                case "spring.datasource.password" -> LoaInfrastructure.postgres().password();
                case "spring.kafka.bootstrap-servers" -> LoaInfrastructure.kafkaBootstrapServers();
                default -> null;
            };
        }
    }
}
