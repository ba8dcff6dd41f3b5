package vn.loa.planning.plan;

import vn.loa.common.problem.FieldText;
import vn.loa.common.problem.Text;

/** A rule a plan breaks, with the field it concerns (e.g. {@code targets[0].unit}) and a message of the bundles. */
record Violation(String field, Text message) {

    Violation(String field, String messageKey, Object... args) {
        this(field, Text.of(messageKey, args));
    }

    FieldText toFieldText() {
        return new FieldText(field, message);
    }
}
