package vn.loa.e2e;

import vn.loa.localstack.LoaService;

/** The five processes of the stack, each with its module name and (but for the gateway) its database. */
public enum Service {
    PLAN, ACTIVITY, REPORTING, NOTIFICATION, GATEWAY;

    /** The same service as the launcher (infra/local-stack) names it. */
    public LoaService launcher() {
        return LoaService.valueOf(name());
    }

    /** The Maven module and {@code spring.application.name}, e.g. {@code plan-service}. */
    public String moduleName() {
        return launcher().moduleName();
    }

    /** The service's own database, null for the gateway. */
    public String database() {
        return launcher().database();
    }
}
