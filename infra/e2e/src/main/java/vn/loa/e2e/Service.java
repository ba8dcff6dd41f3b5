package vn.loa.e2e;

/** The five processes of the stack, each with its module name and (but for the gateway) its database. */
public enum Service {
    PLAN("plan-service", "loa_plan"),
    ACTIVITY("activity-service", "loa_activity"),
    REPORTING("reporting-service", "loa_reporting"),
    NOTIFICATION("notification-service", "loa_notification"),
    GATEWAY("gateway", null);

    private final String moduleName;
    private final String database;

    Service(String moduleName, String database) {
        this.moduleName = moduleName;
        this.database = database;
    }

    /** The Maven module and {@code spring.application.name}, e.g. {@code plan-service}. */
    public String moduleName() {
        return moduleName;
    }

    /** The service's own database, null for the gateway. */
    public String database() {
        return database;
    }
}
