package vn.loa.activity.lifecycle;

/** One field a correction changed, with its value before and after (as JSON: text, number, date, list …). */
public record FieldChange(String field, Object from, Object to) {
}
