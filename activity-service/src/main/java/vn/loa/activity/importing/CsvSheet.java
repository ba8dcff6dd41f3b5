package vn.loa.activity.importing;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import vn.loa.common.problem.Text;
import vn.loa.support.web.ApiException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a CSV import as it streams in: UTF-8 (strict; a BOM is skipped), the first record is the header, empty
 * lines are skipped. It stops at the first data row past {@code maxRows} and refuses the file with 400
 * {@code too-many-rows} without reading the rest.
 */
final class CsvSheet {

    private CsvSheet() {
    }

    static ImportFile read(InputStream body, int maxRows) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).setAllowMissingColumnNames(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(utf8WithoutBom(body)).setFormat(format).get()) {
            // name → index; a blank header cell (a trailing comma) has no name and is not a column
            Map<String, Integer> columns = parser.getHeaderMap();
            List<String> header = new ArrayList<>(columns.keySet());
            List<ImportRow> rows = new ArrayList<>();
            Iterator<CSVRecord> records = parser.iterator();
            while (records.hasNext()) {
                CSVRecord r = records.next();
                if (rows.size() == maxRows) {
                    throw ImportProblems.tooManyRows(maxRows);
                }
                long row = rows.size() + 2L;
                Map<String, String> cells = new LinkedHashMap<>();
                columns.forEach((name, index) -> {
                    if (index < r.size()) {
                        cells.put(name, r.get(index));
                    }
                });
                Text shape = r.isConsistent() ? null : Text.of("field.import.row-values", String.valueOf(r.size()),
                        String.valueOf(parser.getHeaderNames().size()));
                rows.add(new ImportRow(row, cells, shape));
            }
            return new ImportFile(header, rows);
        } catch (UncheckedIOException e) {
            throw notCsv(e.getCause());
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw notCsv(e);
        }
    }

    private static ApiException notCsv(Throwable e) {
        if (e instanceof CharacterCodingException || e.getCause() instanceof CharacterCodingException) {
            return ApiException.invalid("body", "field.import.not-utf8");
        }
        return ApiException.invalid("body", "field.import.csv", String.valueOf(e.getMessage()));
    }

    /** Strict UTF-8 (malformed bytes are an error, not a replacement character), without a leading BOM. */
    private static Reader utf8WithoutBom(InputStream body) throws IOException {
        PushbackReader reader = new PushbackReader(new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }
}
