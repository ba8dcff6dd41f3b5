package vn.loa.activity.importing;

import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import vn.loa.common.problem.Text;
import vn.loa.support.web.ApiException;

import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an XLSX import: the first sheet, its first non-empty row the header, the same columns as the CSV. Streamed
 * with POI's event API (SAX over the sheet XML, no workbook in memory) and stopped at the first data row past
 * {@code maxRows}, without parsing the rest of the sheet.
 *
 * <p>Zip bombs: the body (at most 10 MiB) is written to a temporary file and opened as a zip file, so nothing is
 * inflated that the reader does not ask for; POI's {@link ZipSecureFile} then refuses an entry that inflates more
 * than 100 times its compressed size ({@code minInflateRatio} 0.01) or beyond {@value #MAX_ENTRY_BYTES} bytes, and
 * shared strings beyond {@value #MAX_TEXT_CHARS} characters. XML entities are off (POI's XMLHelper).
 */
final class XlsxSheet {

    /** An entry (a sheet's XML, the shared strings) may inflate to 100 MiB at most. */
    static final long MAX_ENTRY_BYTES = 100L * 1024 * 1024;
    /** Characters of text in the shared strings or a sheet. */
    static final long MAX_TEXT_CHARS = 50_000_000L;

    static {
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
        ZipSecureFile.setMaxTextSize(MAX_TEXT_CHARS);
    }

    private XlsxSheet() {
    }

    static ImportFile read(InputStream body, int maxRows) {
        Path file = null;
        try {
            file = Files.createTempFile("loa-import-", ".xlsx");
            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
                XSSFReader reader = new XSSFReader(pkg);
                StylesTable styles = reader.getStylesTable();
                ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
                Iterator<InputStream> sheets = reader.getSheetsData();
                if (!sheets.hasNext()) {
                    throw ApiException.invalid("body", "field.import.no-sheet");
                }
                Rows rows = new Rows(maxRows);
                try (InputStream sheet = sheets.next()) {
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, rows, new IsoDates(), false));
                    parser.parse(new InputSource(sheet));
                } catch (Rows.LimitReached e) {
                    throw ImportProblems.tooManyRows(maxRows);
                }
                if (rows.header == null) {
                    return new ImportFile(List.of(), List.of());
                }
                return new ImportFile(rows.header, rows.rows);
            }
        } catch (ApiException e) {
            throw e;
        } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException | RuntimeException e) {
            throw ApiException.invalid("body", "field.import.xlsx", rootMessage(e));
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file: the system cleans it up if we cannot
                }
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    /** Collects the header and the rows; stops the parse past the limit. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {

        /** Thrown out of the SAX parse: the rest of the sheet is not read. */
        static final class LimitReached extends RuntimeException {
            LimitReached() {
                super(null, null, false, false);
            }
        }

        private final int maxRows;
        private List<String> header;
        private final List<ImportRow> rows = new ArrayList<>();
        private TreeMap<Integer, String> current;
        private int nextColumn;

        Rows(int maxRows) {
            this.maxRows = maxRows;
        }

        @Override
        public void startRow(int rowNum) {
            current = new TreeMap<>();
            nextColumn = 0;
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? nextColumn : new CellReference(reference).getCol();
            nextColumn = column + 1;
            if (value != null && !value.isBlank()) {
                current.put(column, value);
            }
        }

        @Override
        public void endRow(int rowNum) {
            if (current.isEmpty()) {
                return; // empty rows are skipped, as empty lines of a CSV
            }
            if (header == null) {
                header = new ArrayList<>();
                int last = current.lastKey();
                for (int i = 0; i <= last; i++) {
                    header.add(current.getOrDefault(i, "").strip());
                }
                return;
            }
            if (rows.size() == maxRows) {
                throw new LimitReached();
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                if (!header.get(i).isEmpty() && current.containsKey(i)) {
                    cells.put(header.get(i), current.get(i));
                }
            }
            Text shape = current.lastKey() >= header.size() ? Text.of("field.import.row-right") : null;
            rows.add(new ImportRow(rowNum + 1L, cells, shape));
        }
    }

    /**
     * Formats cells as the import reads them: a date cell as {@code YYYY-MM-DD}, a number as its plain value
     * ({@code 150000}, not {@code 150,000} as its format would show it), text as it is.
     */
    private static final class IsoDates extends DataFormatter {

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value).toLocalDate().toString();
            }
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value, use1904Windowing).toLocalDate().toString();
            }
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
    }
}
