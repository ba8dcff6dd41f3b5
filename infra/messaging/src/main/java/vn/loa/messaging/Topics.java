package vn.loa.messaging;

/** One topic per producing aggregate (DESIGN.md §4). Dead letters go to {@code <topic>-dlt}. */
public final class Topics {

    public static final String ORG_UNIT_EVENTS = "loa.orgunit.events";
    public static final String PLAN_EVENTS = "loa.plan.events";
    public static final String ACTIVITY_EVENTS = "loa.activity.events";
    public static final String PERIOD_EVENTS = "loa.period.events";
    public static final String REPORT_EVENTS = "loa.report.events";

    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    private Topics() {
    }
}
