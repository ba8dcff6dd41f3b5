package vn.loa.documents;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** CSV and XLSX exports of tables, for officials who work in spreadsheets. */
public final class TabularExport {

    /** Excel opens a CSV as UTF-8 only when it starts with a byte order mark. */
    private static final char BOM = '\uFEFF';

    private TabularExport() {
    }

    /**
     * One CSV file (UTF-8 with BOM, CRLF): each table as a caption row, a header row and its rows,
     * tables separated by an empty row.
     */
    public static byte[] csv(List<DataTable> tables) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180)) {
            writer.write(BOM);
            boolean first = true;
            for (DataTable table : tables) {
                if (!first) {
                    csv.println();
                }
                first = false;
                if (tables.size() > 1) {
                    csv.printRecord(Texts.nfc(table.title()));
                }
                csv.printRecord(table.columns().stream().map(Texts::nfc).toList());
                for (List<Object> row : table.rows()) {
                    csv.printRecord(row.stream().map(TabularExport::csvValue).toList());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Object csvValue(Object value) {
        return value instanceof String s ? Texts.nfc(s) : value;
    }

    /** One workbook, one sheet per table, bold header row, numbers as numeric cells. */
    public static byte[] xlsx(List<DataTable> tables) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle header = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            header.setFont(bold);
            header.setWrapText(true);
            Set<String> names = new HashSet<>();
            for (DataTable table : tables) {
                Sheet sheet = workbook.createSheet(sheetName(table.title(), names));
                Row head = sheet.createRow(0);
                int[] widths = new int[table.columns().size()];
                for (int c = 0; c < table.columns().size(); c++) {
                    Cell cell = head.createCell(c);
                    cell.setCellValue(Texts.nfc(table.columns().get(c)));
                    cell.setCellStyle(header);
                    widths[c] = table.columns().get(c).length();
                }
                for (int r = 0; r < table.rows().size(); r++) {
                    Row row = sheet.createRow(r + 1);
                    List<Object> values = table.rows().get(r);
                    for (int c = 0; c < values.size(); c++) {
                        Cell cell = row.createCell(c);
                        Object v = values.get(c);
                        if (v instanceof Number n) {
                            cell.setCellValue(n.doubleValue());
                        } else {
                            cell.setCellValue(Texts.nfc(String.valueOf(v)));
                        }
                        widths[c] = Math.max(widths[c], String.valueOf(v).length());
                    }
                }
                // Sized from the text, not autoSizeColumn: that needs AWT fonts on the server.
                for (int c = 0; c < widths.length; c++) {
                    sheet.setColumnWidth(c, Math.min(80, Math.max(8, widths[c] + 2)) * 256);
                }
                sheet.createFreezePane(0, 1);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sheetName(String title, Set<String> taken) {
        String base = WorkbookUtil.createSafeSheetName(Texts.nfc(title));
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            String suffix = " (" + i + ")";
            name = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
        }
        return name;
    }
}
