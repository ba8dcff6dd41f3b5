package vn.loa.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.env.PropertySource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** The body limits as shipped (application.yml) are the shared decision: 256 KiB, imports 10 MiB, evidence 20 MiB. */
class EdgeLimitsDefaultsTests {

    @Test
    void shipsTheSharedBodyLimits() throws Exception {
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application.yml",
                new ClassPathResource("application.yml"));
        LimitsProperties limits = new Binder(ConfigurationPropertySources.from(yaml))
                .bind("loa.limits", LimitsProperties.class).get();
        RequestSizeWebFilter filter = new RequestSizeWebFilter(limits);

        assertThat(filter.maxBytes(MockServerHttpRequest.post("/api/plans").build())).isEqualTo(262_144);
        assertThat(filter.maxBytes(MockServerHttpRequest.put("/api/reports/lien-minh/2022-Q1/narrative").build()))
                .isEqualTo(262_144);
        assertThat(filter.maxBytes(MockServerHttpRequest.post("/api/activities/import").build()))
                .isEqualTo(10L * 1024 * 1024);
        assertThat(filter.maxBytes(MockServerHttpRequest.post("/api/activities/3f0e-42/evidence").build()))
                .isEqualTo(20L * 1024 * 1024);
        // Another method on the same path gets the JSON limit.
        assertThat(filter.maxBytes(MockServerHttpRequest.put("/api/activities/import").build())).isEqualTo(262_144);
    }
}
