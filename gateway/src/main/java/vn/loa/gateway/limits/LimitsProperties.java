package vn.loa.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits enforced at the edge.
 *
 * @param perUser        token bucket per authenticated user (JWT {@code sub}) on {@code /api/**} and {@code /ops/**}
 * @param tokenEndpoint  token bucket per client address on {@code POST /auth/token}
 * @param maxBodySize    larger request bodies answer 413
 * @param maxPageSize    a larger {@code size} query parameter answers 400
 */
@ConfigurationProperties("loa.limits")
record LimitsProperties(
        @DefaultValue Bucket perUser,
        @DefaultValue Bucket tokenEndpoint,
        @DefaultValue("2MB") DataSize maxBodySize,
        @DefaultValue("200") int maxPageSize) {

    record Bucket(@DefaultValue("true") boolean enabled, @DefaultValue("50") int capacity,
                  @DefaultValue("20") double refillPerSecond) {
    }
}
