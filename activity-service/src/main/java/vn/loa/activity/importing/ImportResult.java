package vn.loa.activity.importing;

import vn.loa.support.web.FieldError;

import java.util.List;
import java.util.UUID;

/** The answer to a CSV import: the good rows are kept, each refused row says why. */
record ImportResult(int accepted, List<RefusedRow> refused, List<UUID> activityIds) {

    /** @param row the line of the file (the header is row 1) */
    record RefusedRow(long row, List<FieldError> errors) {
    }
}
