package vn.loa.e2e;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Not a test: a developer's tool that starts the shared stack and keeps it up while the web app is worked
 * on (the class name matches neither *IT nor *Tests, so no build runs it). With the gateway serving the
 * app from the sources, a changed file is live at once, and the browser tests run against it in seconds:
 * <pre>
 * ./mvnw -pl infra/e2e -am verify -Dloa.skipInfraTests=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=WebAppStackHold \
 *     -Dloa.e2e.env.gateway.SPRING_WEB_RESOURCES_STATICLOCATIONS=file:$PWD/gateway/src/main/resources/static/
 * # then, in another terminal (the URL and broker are in infra/e2e/target/webapp-hold.properties):
 * ./mvnw -pl infra/e2e -am verify ... -Dit.test='CommuneOfficerWebAppE2EIT' -Dloa.webapp.url=http://localhost:NNNNN
 * rm infra/e2e/target/webapp-hold.properties    # stops the stack
 * </pre>
 */
class WebAppStackHold {

    @Test
    void holdTheStackUntilTheFileIsRemoved() throws Exception {
        LoaStack stack = LoaStack.get();
        Path file = Path.of("target", "webapp-hold.properties").toAbsolutePath();
        Files.writeString(file, "loa.webapp.url=" + stack.gatewayUrl() + "\nloa.webapp.kafka=" + stack.kafkaBootstrap() + "\n");
        System.out.println("[webapp-hold] " + stack.gatewayUrl() + " until " + file + " is removed");
        Awaitility.await().atMost(Duration.ofMinutes(Long.getLong("loa.webapp.hold-minutes", 90)))
                .pollInterval(Duration.ofSeconds(2)).until(() -> !Files.exists(file));
    }
}
