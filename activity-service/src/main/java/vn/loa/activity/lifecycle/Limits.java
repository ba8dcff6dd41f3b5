package vn.loa.activity.lifecycle;

/**
 * The documented maximum of every request field that is stored or copied into an event (README, "Field
 * limits"). Chosen so that the largest event an activity can produce stays far below Kafka's 1 MiB record
 * limit, and a single request below the 256 KiB body limit: an {@code activity-completed} with a 500-character
 * title, every list full and 20 evidence items of 2,048 + 4,000 characters is about 0.4 MB even if every
 * character took 3 bytes in UTF-8.
 */
public final class Limits {

    /** Characters of a title. */
    public static final int TITLE = 500;
    /** Characters of a code (channel, unit, topic, target). */
    public static final int CODE = 64;
    /** Items in the topic list. */
    public static final int TOPICS = 50;
    /** Items in the target list. */
    public static final int TARGETS = 100;
    /** Items in the coordinating-unit list. */
    public static final int UNITS = 50;
    /** Planned or achieved quantity. */
    public static final String QUANTITY = "1000000000";
    /** People reached. */
    public static final long REACH = 1_000_000_000L;
    /** Cost in đồng (1,000 billion), planned or spent. */
    public static final long COST_VND = 1_000_000_000_000L;
    /** Evidence items of one completion. */
    public static final int EVIDENCE = 20;
    /** Characters of an evidence link. */
    public static final int URL = 2_048;
    /** Characters of an evidence note. */
    public static final int NOTE = 4_000;
    /** Characters of a cancellation's or a correction's reason. */
    public static final int REASON = 2_000;
    /** Items in the audience list of a completion (one per audience). */
    public static final int AUDIENCES = 3;

    private Limits() {
    }
}
