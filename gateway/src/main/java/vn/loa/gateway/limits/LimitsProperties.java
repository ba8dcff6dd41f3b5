package vn.loa.gateway.limits;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits enforced at the edge (the sign-in limits are {@code loa.auth.login}).
 *
 * @param perUser     token bucket per authenticated user (JWT {@code sub}) on {@code /api/**} and {@code /ops/**}
 * @param maxBodySize request bodies larger than this answer 413, unless a {@code bodyRoutes} entry allows more
 * @param bodyRoutes  larger bodies on named routes (imports, evidence uploads)
 * @param maxPageSize a larger {@code size} query parameter answers 400
 */
@ConfigurationProperties("loa.limits")
record LimitsProperties(
        @DefaultValue Bucket perUser,
        @DefaultValue("256KB") DataSize maxBodySize,
        List<BodyRoute> bodyRoutes,
        @DefaultValue("200") int maxPageSize) {

    LimitsProperties {
        bodyRoutes = bodyRoutes == null ? List.of() : List.copyOf(bodyRoutes);
    }

    /** {@code capacity} requests at once, then one more every {@code 1 / refillPerSecond} seconds. */
    record Bucket(@DefaultValue("true") boolean enabled, @DefaultValue("50") int capacity,
                  @DefaultValue("20") double refillPerSecond) {

        /** How long an untouched bucket takes to be full again: it can be forgotten after that. */
        Duration refillTime() {
            return Duration.ofNanos((long) Math.ceil(capacity / refillPerSecond * 1e9));
        }
    }

    /**
     * @param method  the HTTP method, e.g. {@code POST}
     * @param path    a path pattern, e.g. {@code /api/activities/{id}/evidence}
     * @param maxSize the largest body allowed there
     */
    record BodyRoute(String method, String path, DataSize maxSize) {
    }
}
