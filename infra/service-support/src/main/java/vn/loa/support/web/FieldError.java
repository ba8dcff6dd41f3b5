package vn.loa.support.web;

/** One invalid field of a request, as listed in a {@code validation-failed} problem. */
public record FieldError(String field, String message) {
}
