package vn.loa.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code @SpringBootTest} on a real PostgreSQL (a database of the application's own) and a real
 * Kafka broker, shared by all tests of the JVM, with the test token settings of {@link TestTokens}.
 * See {@link LoaInfrastructureConfiguration}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest
@Import(LoaInfrastructureConfiguration.class)
// The token settings are constant and must be known while conditions are evaluated (Boot chooses its JWT
// decoder by them), which is before the lazily registered infrastructure properties exist.
@TestPropertySource(properties = {
        "spring.security.oauth2.resourceserver.jwt.public-key-location=" + LoaInfrastructure.TOKEN_PUBLIC_KEY_LOCATION,
        "loa.security.issuer=" + LoaInfrastructure.TOKEN_ISSUER,
        "loa.security.audience=" + LoaInfrastructure.TOKEN_AUDIENCE})
public @interface LoaIntegrationTest {

    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};

    @AliasFor(annotation = SpringBootTest.class, attribute = "classes")
    Class<?>[] classes() default {};

    @AliasFor(annotation = SpringBootTest.class, attribute = "webEnvironment")
    SpringBootTest.WebEnvironment webEnvironment() default SpringBootTest.WebEnvironment.MOCK;
}
