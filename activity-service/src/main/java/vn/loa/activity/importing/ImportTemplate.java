package vn.loa.activity.importing;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;
import vn.loa.activity.access.AccessPolicy;
import vn.loa.activity.plancopy.PlanCopies;
import vn.loa.activity.plancopy.PlanCopy;
import vn.loa.activity.plancopy.PlanTarget;
import vn.loa.support.security.CurrentUser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The import template (GET /api/activities/import/template?format=csv|xlsx[&planId=]): the header row with every
 * column, and, when a plan the caller sees is named, one example row filled from it (its id, a unit, a target
 * and its channel, a topic). The CSV is UTF-8 with a BOM (so that spreadsheets read Vietnamese right) and every
 * cell neutralised against formula injection ({@link CsvCells}); the XLSX writes text cells (never formulas) and
 * has a second sheet that explains each column.
 */
@Component
class ImportTemplate {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final PlanCopies plans;
    private final AccessPolicy access;

    ImportTemplate(PlanCopies plans, AccessPolicy access) {
        this.plans = plans;
        this.access = access;
    }

    byte[] csv(CurrentUser user, UUID planId) {
        access.requireReader(user);
        List<List<String>> rows = rows(user, planId);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get())) {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            for (List<String> row : rows) {
                printer.printRecord(row.stream().map(CsvCells::neutralise).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    byte[] xlsx(CurrentUser user, UUID planId) {
        access.requireReader(user);
        List<List<String>> rows = rows(user, planId);
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            Sheet sheet = book.createSheet("Hoạt động");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Cell cell = row.createCell(c);
                    cell.setCellValue(rows.get(r).get(c));
                    if (r == 0) {
                        cell.setCellStyle(bold);
                    }
                }
            }
            for (int c = 0; c < ImportColumns.values().length; c++) {
                sheet.setColumnWidth(c, 20 * 256);
            }
            Sheet help = book.createSheet("Hướng dẫn");
            String[] head = {"Cột / column", "Bắt buộc / required", "Nội dung / content"};
            Row first = help.createRow(0);
            for (int c = 0; c < head.length; c++) {
                Cell cell = first.createCell(c);
                cell.setCellValue(head[c]);
                cell.setCellStyle(bold);
            }
            int r = 1;
            for (ImportColumns column : ImportColumns.values()) {
                Row row = help.createRow(r++);
                row.createCell(0).setCellValue(column.header());
                row.createCell(1).setCellValue(column.required() ? "có / yes" : "không / no");
                row.createCell(2).setCellValue(column.description());
            }
            Row limit = help.createRow(r + 1);
            limit.createCell(0).setCellValue("Tối đa " + ActivityImport.MAX_ROWS + " dòng mỗi tệp / at most "
                    + ActivityImport.MAX_ROWS + " rows per file");
            help.setColumnWidth(0, 22 * 256);
            help.setColumnWidth(1, 18 * 256);
            help.setColumnWidth(2, 90 * 256);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<List<String>> rows(CurrentUser user, UUID planId) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(ImportColumns.headers());
        example(user, planId).ifPresent(rows::add);
        return rows;
    }

    /** One row filled from the plan, if the caller sees it; in the order of {@link ImportColumns}. */
    private Optional<List<String>> example(CurrentUser user, UUID planId) {
        if (planId == null) {
            return Optional.empty();
        }
        return plans.find(planId).filter(PlanCopy::issued).filter(p -> access.covers(user, p.orgUnit())).map(plan -> {
            Optional<PlanTarget> target = plan.targets().stream().findFirst();
            String channel = target.map(PlanTarget::channel).filter(c -> c != null && !c.isBlank())
                    .orElse(plan.channels().stream().findFirst().orElse("RADIO"));
            String unit = target.map(PlanTarget::unit).filter(plan.unitCodes()::contains)
                    .orElse(plan.unitCodes().stream().findFirst().orElse(""));
            int year = plan.year() == null ? LocalDate.now().getYear() : plan.year();
            return List.of(plan.planId().toString(), "Chuyên mục cải cách hành chính tháng 1/" + year, channel,
                    plan.topicCodes().stream().findFirst().orElse(""), target.map(PlanTarget::code).orElse(""), unit, "",
                    YearMonth.of(year, 1).atEndOfMonth().toString(), "1", "", "");
        });
    }
}
