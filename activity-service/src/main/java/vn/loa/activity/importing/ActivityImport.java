package vn.loa.activity.importing;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Component;
import vn.loa.activity.activity.ActivityService;
import vn.loa.activity.activity.Caller;
import vn.loa.activity.activity.NewActivity;
import vn.loa.activity.support.Problems;
import jakarta.validation.Validator;
import vn.loa.support.web.ConstraintMessages;
import vn.loa.support.web.FieldError;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Imports activities from CSV (UTF-8, header row; columns in the README). Each good row is created on its
 * own, with the same rules and the same event as POST /api/activities; refused rows are reported.
 */
@Component
class ActivityImport {

    static final List<String> COLUMNS = List.of("planId", "title", "channel", "topics", "targetCodes", "unit",
            "coordinatingUnits", "dueDate", "plannedQuantity");
    static final int MAX_ROWS = 5000;

    private final ActivityService activities;
    private final Validator validator;

    ActivityImport(ActivityService activities, Validator validator) {
        this.activities = activities;
        this.validator = validator;
    }

    ImportResult importCsv(Caller caller, byte[] body) {
        if (!caller.canWrite()) {
            throw Problems.forbidden("Your role may read activities but not import them.");
        }
        String text = decode(body);
        List<CSVRecord> records = parse(text);
        int accepted = 0;
        List<ImportResult.RefusedRow> refused = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            CSVRecord r = records.get(i);
            long row = i + 2;
            List<FieldError> errors = new ArrayList<>();
            NewActivity cmd = toActivity(r, errors);
            if (errors.isEmpty()) {
                // The same bounds as POST /api/activities (README, "Field limits").
                errors.addAll(ConstraintMessages.fieldErrors(validator.validate(cmd)));
            }
            if (errors.isEmpty()) {
                errors.addAll(activities.problemsOf(caller, cmd));
            }
            if (!errors.isEmpty()) {
                refused.add(new ImportResult.RefusedRow(row, errors));
                continue;
            }
            ids.add(activities.create(caller, cmd).id());
            accepted++;
        }
        return new ImportResult(accepted, refused, ids);
    }

    private static String decode(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text; // spreadsheets write a BOM
        } catch (CharacterCodingException e) {
            throw Problems.badRequest(List.of(Problems.field("body", "is not UTF-8 text")));
        }
    }

    private static List<CSVRecord> parse(String text) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
            List<String> missing = COLUMNS.stream().filter(c -> !parser.getHeaderMap().containsKey(c)).toList();
            if (missing.isEmpty() == false) {
                throw Problems.badRequest(List.of(Problems.field("header", "missing columns " + missing
                        + "; expected " + String.join(",", COLUMNS))));
            }
            List<CSVRecord> records = parser.getRecords();
            if (records.size() > MAX_ROWS) {
                throw Problems.badRequest(List.of(Problems.field("body", "more than " + MAX_ROWS + " rows")));
            }
            return records;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw Problems.badRequest(List.of(Problems.field("body", "is not valid CSV: " + e.getMessage())));
        }
    }

    private static NewActivity toActivity(CSVRecord r, List<FieldError> errors) {
        if (!r.isConsistent()) {
            errors.add(Problems.field("row", "has " + r.size() + " values, the header " + COLUMNS.size()));
            return null;
        }
        UUID planId = null;
        try {
            planId = UUID.fromString(r.get("planId"));
        } catch (IllegalArgumentException e) {
            errors.add(Problems.field("planId", "is not a UUID: '" + r.get("planId") + "'"));
        }
        LocalDate due = null;
        try {
            due = r.get("dueDate").isEmpty() ? null : LocalDate.parse(r.get("dueDate"));
        } catch (DateTimeParseException e) {
            errors.add(Problems.field("dueDate", "is not a date YYYY-MM-DD: '" + r.get("dueDate") + "'"));
        }
        BigDecimal planned = null;
        try {
            planned = r.get("plannedQuantity").isEmpty() ? null : new BigDecimal(r.get("plannedQuantity"));
        } catch (NumberFormatException e) {
            errors.add(Problems.field("plannedQuantity", "is not a number: '" + r.get("plannedQuantity") + "'"));
        }
        return new NewActivity(planId, r.get("title"), r.get("channel"), items(r.get("topics")),
                items(r.get("targetCodes")), r.get("unit"), items(r.get("coordinatingUnits")), due, planned);
    }

    /** List cells separate their items with ';'. */
    private static List<String> items(String cell) {
        return cell == null || cell.isBlank() ? List.of()
                : Arrays.stream(cell.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
