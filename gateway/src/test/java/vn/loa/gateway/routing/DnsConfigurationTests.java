package vn.loa.gateway.routing;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.annotation.UserConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.transport.NameResolverProvider;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP client to the services keeps a resolved address at most loa.gateway.dns.max-ttl. */
class DnsConfigurationTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(UserConfigurations.of(DnsConfiguration.class));

    @Test
    void theResolverKeepsAnAnswerAtMostFiveSecondsByDefault() {
        context.run(ctx -> assertThat(resolver(ctx.getBean(HttpClientCustomizer.class)).cacheMaxTimeToLive())
                .isEqualTo(Duration.ofSeconds(5)));
    }

    @Test
    void theBoundIsASetting() {
        context.withPropertyValues("loa.gateway.dns.max-ttl=1s")
                .run(ctx -> assertThat(resolver(ctx.getBean(HttpClientCustomizer.class)).cacheMaxTimeToLive())
                        .isEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void withoutTheCustomizerNettyKeepsAnAnswerForItsWholeTtl() {
        // What the customizer changes: the default bound is none (Integer.MAX_VALUE seconds), so a record's own
        // TTL decides, and Podman 4.3's aardvark-dns gives container names one day.
        assertThat(HttpClient.create().configuration().getNameResolverProvider()).isNull();
        NameResolverProvider defaults = NameResolverProvider.builder().build();
        assertThat(defaults.cacheMaxTimeToLive()).isEqualTo(Duration.ofSeconds(Integer.MAX_VALUE));
    }

    private static NameResolverProvider resolver(HttpClientCustomizer customizer) {
        NameResolverProvider provider = customizer.customize(HttpClient.create()).configuration().getNameResolverProvider();
        assertThat(provider).as("the customizer sets a resolver").isNotNull();
        return provider;
    }
}
