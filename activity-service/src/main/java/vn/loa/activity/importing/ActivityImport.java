package vn.loa.activity.importing;

import jakarta.validation.Validator;
import org.springframework.stereotype.Component;
import vn.loa.activity.access.AccessPolicy;
import vn.loa.activity.lifecycle.ActivityService;
import vn.loa.activity.lifecycle.NewActivity;
import vn.loa.common.problem.FieldText;
import vn.loa.common.problem.ProblemTexts;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.web.ApiException;
import vn.loa.support.web.ConstraintMessages;
import vn.loa.support.web.FieldError;
import vn.loa.support.web.Problems;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Imports activities from CSV or XLSX (the columns: {@link ImportColumns}). Every row is checked exactly as
 * POST /api/activities checks a body (bounds, plan, scope, references, period locks); the good rows are then
 * scheduled together, each with its {@code activity-scheduled}, or, in a preview ({@code dryRun}), nothing is
 * kept. Refused rows are listed with their row number and the fields at fault.
 */
@Component
class ActivityImport {

    /** Rows below the header, per file: what one commune plans in years, and a file read in well under 3 s. */
    static final int MAX_ROWS = 5_000;

    enum Format { CSV, XLSX }

    private final ActivityService activities;
    private final AccessPolicy access;
    private final Validator validator;

    ActivityImport(ActivityService activities, AccessPolicy access, Validator validator) {
        this.activities = activities;
        this.access = access;
        this.validator = validator;
    }

    ImportResult run(CurrentUser user, Format format, InputStream body, boolean dryRun) {
        // Before reading anything: a viewer's or an operator's import is refused without parsing their file.
        access.requireWriter(user);
        ImportFile file = format == Format.CSV ? CsvSheet.read(body, MAX_ROWS) : XlsxSheet.read(body, MAX_ROWS);
        checkHeader(file.header());
        List<ActivityService.Row> rows = new ArrayList<>(file.rows().size());
        for (ImportRow r : file.rows()) {
            List<FieldText> errors = new ArrayList<>();
            NewActivity cmd = null;
            if (r.shapeError() != null) {
                errors.add(new FieldText("row", r.shapeError()));
            } else {
                cmd = toActivity(r, errors);
                if (errors.isEmpty()) {
                    // The same bounds as POST /api/activities (README, "Field limits").
                    errors.addAll(ConstraintMessages.fieldTexts(validator.validate(cmd)));
                }
            }
            rows.add(new ActivityService.Row(r.row(), cmd, errors));
        }
        List<ActivityService.RowOutcome> outcomes = activities.scheduleAll(user, rows, !dryRun);
        List<ImportResult.RefusedRow> refused = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        int accepted = 0;
        for (ActivityService.RowOutcome o : outcomes) {
            if (!o.accepted()) {
                refused.add(new ImportResult.RefusedRow(o.row(), inLanguage(o.errors())));
                continue;
            }
            accepted++;
            if (o.activityId() != null) {
                ids.add(o.activityId());
            }
        }
        return new ImportResult(accepted, refused, ids, dryRun);
    }

    private static void checkHeader(List<String> header) {
        List<String> given = header.stream().filter(h -> !h.isBlank()).toList();
        List<String> missing = ImportColumns.requiredHeaders().stream().filter(c -> !given.contains(c)).toList();
        List<String> unknown = given.stream().filter(c -> !ImportColumns.headers().contains(c)).toList();
        List<FieldText> errors = new ArrayList<>();
        if (!missing.isEmpty()) {
            errors.add(FieldText.of("header", "field.import.missing-columns", missing.toString(),
                    String.join(",", ImportColumns.requiredHeaders()), optional()));
        }
        if (!unknown.isEmpty()) {
            errors.add(FieldText.of("header", "field.import.unknown-columns", unknown.toString(),
                    String.join(",", ImportColumns.headers())));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    /** A refused row's errors in the language of the request (the answer is a 200 body, not a problem). */
    private static List<FieldError> inLanguage(List<FieldText> errors) {
        Locale locale = Problems.currentLocale();
        return errors.stream().map(e -> new FieldError(e.field(), ProblemTexts.shared().resolve(e.message(), locale))).toList();
    }

    private static String optional() {
        return String.join(",", Arrays.stream(ImportColumns.values()).filter(c -> !c.required()).map(ImportColumns::header).toList());
    }

    private static NewActivity toActivity(ImportRow r, List<FieldText> errors) {
        UUID planId = null;
        String plan = r.cell("planId");
        try {
            planId = plan.isEmpty() ? null : UUID.fromString(plan);
        } catch (IllegalArgumentException e) {
            errors.add(FieldText.of("planId", "field.import.not-uuid", plan));
        }
        LocalDate due = null;
        String dueText = r.cell("dueDate");
        try {
            due = dueText.isEmpty() ? null : LocalDate.parse(dueText);
        } catch (DateTimeParseException e) {
            errors.add(FieldText.of("dueDate", "field.import.not-date", dueText));
        }
        BigDecimal planned = number(r, "plannedQuantity", errors);
        BigDecimal cost = number(r, "plannedCostVnd", errors);
        Long costVnd = null;
        if (cost != null) {
            try {
                costVnd = cost.longValueExact();
            } catch (ArithmeticException e) {
                errors.add(FieldText.of("plannedCostVnd", "field.import.not-whole-vnd", r.cell("plannedCostVnd")));
            }
        }
        String source = r.cell("budgetSource");
        return new NewActivity(planId, r.cell("title"), r.cell("channel"), items(r.cell("topics")),
                items(r.cell("targetCodes")), r.cell("unit"), items(r.cell("coordinatingUnits")), due, planned, costVnd,
                source.isEmpty() ? null : source);
    }

    private static BigDecimal number(ImportRow r, String column, List<FieldText> errors) {
        String text = r.cell(column);
        try {
            return text.isEmpty() ? null : new BigDecimal(text);
        } catch (NumberFormatException e) {
            errors.add(FieldText.of(column, "field.import.not-number", text));
            return null;
        }
    }

    /** List cells separate their items with ';'. */
    private static List<String> items(String cell) {
        return cell.isBlank() ? List.of()
                : Arrays.stream(cell.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
