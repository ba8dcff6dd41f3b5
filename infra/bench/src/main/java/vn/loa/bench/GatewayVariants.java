package vn.loa.bench;

/** The gateways the harness compares with the direct path (see gateway/README.md, "Overhead"). */
final class GatewayVariants {

    /**
     * {@code name=--arg|--arg;name=...}: "gateway" is the gateway as configured; "before" puts back the
     * settings of before the overhead investigation (Spring Security observations, the library's
     * bulkhead, no token cache), measured in the same rounds.
     */
    static final String SPEC = "gateway=;before=--management.observations.enable.spring.security=true"
            + "|--spring.cloud.circuitbreaker.bulkhead.resilience4j.enabled=true|--loa.auth.token-cache-size=0";

    private GatewayVariants() {
    }
}
