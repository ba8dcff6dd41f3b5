package vn.loa.bench;

/** The gateways the harness compares with the direct path (see gateway/README.md, "Overhead"). */
final class GatewayVariants {

    /** {@code name=--arg|--arg;name=...}: "gateway" is the gateway as configured. */
    static final String SPEC = "gateway=";

    private GatewayVariants() {
    }
}
