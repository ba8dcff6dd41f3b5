package vn.loa.activity.importing;

import vn.loa.common.problem.ProblemCode;
import vn.loa.support.web.ApiException;

import java.text.NumberFormat;
import java.util.Locale;

/** The problems of an import file as a whole (a row's own errors are answered in {@code refused}). */
final class ImportProblems {

    private ImportProblems() {
    }

    /** 400 {@code too-many-rows}: the file is refused whole, nothing is kept, and the rest was not read. */
    static ApiException tooManyRows(int limit) {
        return ApiException.of(ProblemCode.TOO_MANY_ROWS, "limit", NumberFormat.getIntegerInstance(Locale.ROOT).format(limit),
                        NumberFormat.getIntegerInstance(Locale.ROOT).format(limit + 2L))
                .with("limit", limit);
    }
}
