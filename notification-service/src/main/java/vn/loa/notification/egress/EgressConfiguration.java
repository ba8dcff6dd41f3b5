package vn.loa.notification.egress;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Set;

/** The SSRF guard and the resolver it uses. */
@Configuration(proxyBeanMethods = false)
class EgressConfiguration {

    @Bean
    HostResolver hostResolver() {
        return HostResolver.system();
    }

    /** This service's own HTTP port is one of the stack's ports too, whatever it is set to. */
    @Bean
    WebhookTargets webhookTargets(WebhookProperties properties, HostResolver resolver,
                                  @Value("${server.port:8084}") int serverPort) {
        return new WebhookTargets(properties, resolver, serverPort > 0 ? Set.of(serverPort) : Set.of());
    }
}
