package vn.loa.reporting.projection;

import java.util.List;

/**
 * Where the projections write: the live tables, or the tables a rebuild fills beside them (same
 * names with a prefix) and then swaps in. Reads always use the live names.
 */
public record ProjectionTables(String prefix) {

    public static final ProjectionTables LIVE = new ProjectionTables("");
    /** The rebuild's tables, beside the live ones. */
    public static final ProjectionTables SHADOW = new ProjectionTables("rebuild_");

    /** The projection tables, in the order the live projection locks them (activities first). */
    public static final List<String> NAMES = List.of("activity_state", "tally", "tally_due", "late_arrival",
            "plan_copy", "plan_target", "org_unit", "evidence_copy");

    public boolean live() {
        return prefix.isEmpty();
    }

    public String activityState() {
        return prefix + "activity_state";
    }

    public String tally() {
        return prefix + "tally";
    }

    public String tallyDue() {
        return prefix + "tally_due";
    }

    public String lateArrival() {
        return prefix + "late_arrival";
    }

    public String planCopy() {
        return prefix + "plan_copy";
    }

    public String planTarget() {
        return prefix + "plan_target";
    }

    public String evidenceCopy() {
        return prefix + "evidence_copy";
    }

    public String orgUnit() {
        return prefix + "org_unit";
    }

    public List<String> all() {
        return NAMES.stream().map(n -> prefix + n).toList();
    }
}
