package vn.loa.gateway.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who the caller is, address-wise: the trusted proxies in front of the gateway. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebConfiguration.EdgeProperties.class)
class WebConfiguration {

    @Bean
    ClientAddress clientAddress(EdgeProperties properties) {
        return new ClientAddress(properties.trustedProxies());
    }

    /**
     * @param trustedProxies CIDR blocks of the proxies (ingress, load balancer) whose
     *                       {@code X-Forwarded-For} is believed; empty (the default) = the TCP peer is
     *                       the client, whatever the header says
     */
    @ConfigurationProperties("loa.gateway")
    record EdgeProperties(List<String> trustedProxies) {

        EdgeProperties {
            trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        }
    }
}
