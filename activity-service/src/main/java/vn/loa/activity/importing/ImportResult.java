package vn.loa.activity.importing;

import vn.loa.support.web.FieldError;

import java.util.List;
import java.util.UUID;

/**
 * The answer to an import: how many rows were (or, in a preview, would be) accepted, each refused row with why,
 * the ids of the activities scheduled (none in a preview), and whether it was a preview ({@code dryRun}).
 */
record ImportResult(int accepted, List<RefusedRow> refused, List<UUID> activityIds, boolean dryRun) {

    /** @param row the row of the file (the header is row 1) */
    record RefusedRow(long row, List<FieldError> errors) {
    }
}
