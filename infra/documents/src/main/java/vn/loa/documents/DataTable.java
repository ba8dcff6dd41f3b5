package vn.loa.documents;

import java.util.List;
import java.util.Objects;

/**
 * A table for spreadsheet exports: a title (the sheet name in XLSX, a caption line in CSV), the
 * column headers and the rows. Cells are strings or numbers; numbers stay numbers in XLSX.
 */
public record DataTable(String title, List<String> columns, List<List<Object>> rows) {

    public DataTable {
        Objects.requireNonNull(title, "title");
        columns = List.copyOf(columns);
        // List.copyOf refuses nulls: an empty cell is kept as an empty string.
        rows = rows.stream()
                .map(r -> r.stream().map(v -> v == null ? (Object) "" : v).toList())
                .toList();
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row has " + row.size() + " cells, expected " + columns.size());
            }
        }
    }
}
