package vn.loa.planning.plan;

/** A rule a plan breaks, with the field it concerns (e.g. {@code targets[0].unit}). */
record Violation(String field, String message) {
}
