package vn.loa.activity.importing;

import vn.loa.support.web.ApiException;

import java.text.NumberFormat;
import java.util.Locale;

/** The problems of an import file as a whole (a row's own errors are answered in {@code refused}). */
final class ImportProblems {

    private ImportProblems() {
    }

    /** 400 {@code too-many-rows}: the file is refused whole, nothing is kept, and the rest was not read. */
    static ApiException tooManyRows(int limit) {
        return ApiException.badRequest("too-many-rows", "An import file has at most "
                        + NumberFormat.getIntegerInstance(Locale.ROOT).format(limit) + " rows below its header; this one has more"
                        + " (reading stopped at row " + NumberFormat.getIntegerInstance(Locale.ROOT).format(limit + 2L)
                        + "). Nothing was kept: split the file.")
                .with("limit", limit);
    }
}
