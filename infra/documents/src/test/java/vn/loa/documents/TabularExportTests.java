package vn.loa.documents;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TabularExportTests {

    private final DataTable channels = new DataTable("Hình thức tuyên truyền",
            List.of("Hình thức", "Kế hoạch", "Hoàn thành", "Ghi chú"),
            List.of(List.of("Truyền thanh cơ sở", 12, 11, "Chuyên mục CCHC, \"mỗi tháng\""),
                    List.of(Normalizer.normalize("Pano, áp phích", Normalizer.Form.NFD), 4, 4.5, "")));
    private final DataTable units = new DataTable("Đơn vị", List.of("Đơn vị", "Được giao"),
            List.of(List.of("Văn hóa – Thông tin", 7)));

    @Test
    void csvStartsWithABomAndRoundTripsVietnameseCommasAndQuotes() throws IOException {
        byte[] csv = TabularExport.csv(List.of(channels));

        assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
        assertThat(records).hasSize(3);
        assertThat(records.get(0).toList()).containsExactly("Hình thức", "Kế hoạch", "Hoàn thành", "Ghi chú");
        assertThat(records.get(1).toList()).containsExactly("Truyền thanh cơ sở", "12", "11", "Chuyên mục CCHC, \"mỗi tháng\"");
        assertThat(records.get(2).get(0)).isEqualTo("Pano, áp phích").isEqualTo(Normalizer.normalize("Pano, áp phích", Normalizer.Form.NFC));
    }

    @Test
    void csvOfSeveralTablesCaptionsEachOne() throws IOException {
        String text = new String(TabularExport.csv(List.of(channels, units)), StandardCharsets.UTF_8).substring(1);
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();

        assertThat(records.get(0).get(0)).isEqualTo("Hình thức tuyên truyền");
        assertThat(records.stream().map(r -> r.get(0)).toList()).contains("Đơn vị", "Văn hóa – Thông tin");
    }

    @Test
    void xlsxHasOneSheetPerTableWithNumbersAsNumbers() throws IOException {
        byte[] xlsx = TabularExport.xlsx(List.of(channels, units));

        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(book.getNumberOfSheets()).isEqualTo(2);
            Sheet sheet = book.getSheet("Hình thức tuyên truyền");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Hình thức");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("Truyền thanh cơ sở");
            assertThat(sheet.getRow(1).getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(sheet.getRow(2).getCell(2).getNumericCellValue()).isEqualTo(4.5);
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("Pano, áp phích");
            assertThat(book.getSheet("Đơn vị").getRow(1).getCell(0).getStringCellValue()).isEqualTo("Văn hóa – Thông tin");
        }
    }
}
