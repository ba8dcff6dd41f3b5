package vn.loa.activity.importing;

import java.util.List;

/** The header and the data rows of an import file, read up to the row limit. */
record ImportFile(List<String> header, List<ImportRow> rows) {
}
