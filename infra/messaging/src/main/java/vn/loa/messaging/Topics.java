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

    /**
     * The largest record the relay hands to Kafka: the producer's {@code max.request.size} (1 MiB). A row
     * larger than this is refused by the producer itself, before anything is sent, and parked.
     * Services accept JSON bodies of at most 256 KiB, so an event is at most about a quarter of this.
     */
    public static final int MAX_RECORD_BYTES = 1_048_576;

    /**
     * {@code max.message.bytes} of every event topic: Kafka's default, 12 bytes of log overhead above
     * {@link #MAX_RECORD_BYTES}, so that a record the producer accepts the broker accepts too (a broker that
     * refused a record would tell it only after later records of the same key had been sent).
     */
    public static final int MAX_MESSAGE_BYTES = 1_048_588;

    /**
     * {@code max.message.bytes} of every dead-letter topic, and the dead-letter producer's
     * {@code max.request.size} (minus 12): a dead letter is the original record plus headers naming the
     * failure (with a stack trace), so it may be larger than the largest event.
     */
    public static final int DEAD_LETTER_MAX_MESSAGE_BYTES = 2_097_164;

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
