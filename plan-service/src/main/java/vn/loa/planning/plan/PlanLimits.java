package vn.loa.planning.plan;

/**
 * The documented maximum of every plan field that is stored or copied into an event (issue 14.1;
 * README "Limits"). Over a limit: 400 {@code validation-failed} naming the field, its message stating
 * the limit. Lengths count UTF-16 units of the NFC text, as Bean Validation does.
 *
 * <p>The limits of what plan-issued and plan-amended carry (title, targets, topics and their items,
 * channels, assignments, recipients, budget, reason, with the org unit's own limits) are chosen so that a
 * plan at all of them, written in three-byte characters (Vietnamese with diacritics; control characters
 * are refused, see {@code PlainText}), serializes to about 0.84 MB: one Kafka record (1 MiB) with a margin.
 * {@code PlanAtTheLimitsTests} computes it, {@code PlanAtTheLimitsIT} sends it through Kafka. Sections that
 * stay in plan-service (preamble, legal bases, purposes, requirements, forms, notes) are bounded for
 * storage and by the 256 KiB request body.
 */
public final class PlanLimits {

    // codes and names
    public static final int CODE = 64;
    public static final int TARGET_CODE = 40;
    public static final int TOPIC_CODE = 10;
    public static final int CHANNEL = 20;
    public static final int NAME = 300;

    // texts
    public static final int TITLE = 1000;
    public static final int DESCRIPTION = 1000;
    public static final int MEASURE = 100;
    public static final int TOPIC_ITEM = 800;
    public static final int DUTIES = 1000;
    public static final int BUDGET_NOTE = 1000;
    public static final int PURPOSE_OF_RECIPIENT = 100;
    public static final int REASON = 2000;
    public static final int NOTE = 4000;
    public static final int PURPOSE = 2000;
    public static final int REQUIREMENT = 2000;
    public static final int LEGAL_NUMBER = 100;
    public static final int LEGAL_TITLE = 2000;

    // list sizes
    public static final int TARGETS = 50;
    public static final int TOPICS = 12;
    public static final int TOPIC_ITEMS = 12;
    public static final int CHANNELS = 20;
    public static final int FORMS = 20;
    public static final int BUDGET_LINES = 8;
    public static final int ASSIGNMENTS = 30;
    public static final int RECIPIENTS = 30;
    public static final int LEGAL_BASES = 50;
    public static final int PURPOSES = 30;
    public static final int REQUIREMENTS = 30;

    // numbers
    /** A target's yearly or quarterly value: at most a thousand million (10 digits, 2 decimals). */
    public static final String VALUE_MAX = "1000000000";
    /** A budget line: at most 10^15 đồng. */
    public static final long AMOUNT_MAX = 1_000_000_000_000_000L;

    private PlanLimits() {
    }
}
