package vn.loa.messaging;

import java.util.List;

/** One topic per producing aggregate (DESIGN.md §4). Dead letters go to {@code <topic>-dlt}. */
public final class Topics {

    public static final String ORG_UNIT_EVENTS = "loa.orgunit.events";
    public static final String PLAN_EVENTS = "loa.plan.events";
    public static final String ACTIVITY_EVENTS = "loa.activity.events";
    public static final String PERIOD_EVENTS = "loa.period.events";
    public static final String REPORT_EVENTS = "loa.report.events";

    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    /** Every topic above: the messaging library declares them (and their dead-letter twins) in each service. */
    public static final List<String> ALL = List.of(
            ORG_UNIT_EVENTS, PLAN_EVENTS, ACTIVITY_EVENTS, PERIOD_EVENTS, REPORT_EVENTS);

    /** The dead-letter topic of {@code topic}: {@code <topic>-dlt}. */
    public static String deadLetterTopic(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    private Topics() {
    }
}
