package vn.loa.gateway.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * How long the gateway's HTTP client keeps what a service's name resolved to: at most
 * {@code loa.gateway.dns.max-ttl} (5 s), whatever TTL the DNS server gave.
 * <p>
 * Reactor Netty resolves names with Netty's own asynchronous resolver (not the JDK's, so
 * {@code networkaddress.cache.ttl} changes nothing) and keeps each answer for the record's TTL. Podman 4.3's
 * aardvark-dns (Debian 12) answers container names with a TTL of one day: after a service's container was
 * restarted with a new address, the gateway kept connecting to the old one (connect timeouts, its breaker open)
 * for as long as the process lived. Kubernetes' CoreDNS gives 30 s, and a Service's address is stable anyway;
 * the bound matters wherever addresses move. Spring Cloud Gateway 5 has no property for the resolver, hence
 * this customizer of its HttpClient (applied by its HttpClientFactory). Everything else of the resolver stays
 * Netty's default (/etc/resolv.conf's servers, search domains and ndots, /etc/hosts first).
 */
@Configuration(proxyBeanMethods = false)
class DnsConfiguration {

    static final Duration DEFAULT_MAX_TTL = Duration.ofSeconds(5);

    @Bean
    HttpClientCustomizer shortDnsCache(Environment environment) {
        Duration maxTtl = Binder.get(environment).bind("loa.gateway.dns.max-ttl", Duration.class).orElse(DEFAULT_MAX_TTL);
        return client -> client.resolver(spec -> spec.cacheMaxTimeToLive(maxTtl));
    }
}
