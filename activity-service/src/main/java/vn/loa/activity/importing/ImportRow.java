package vn.loa.activity.importing;

import java.util.Map;

/**
 * One data row of an import file: its row in the file (the header is row 1), its cells by column header, and
 * what is wrong with its shape (a CSV line with more or fewer values than the header), if anything.
 */
record ImportRow(long row, Map<String, String> cells, vn.loa.common.problem.Text shapeError) {

    /** The cell of the column, trimmed, "" when the column or the value is absent. */
    String cell(String column) {
        String value = cells.get(column);
        return value == null ? "" : CsvCells.unneutralise(value.strip());
    }
}
