package vn.loa.activity.importing;

import jakarta.validation.Validator;
import org.springframework.stereotype.Component;
import vn.loa.activity.access.AccessPolicy;
import vn.loa.activity.lifecycle.ActivityService;
import vn.loa.activity.lifecycle.NewActivity;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.web.ApiException;
import vn.loa.support.web.ConstraintMessages;
import vn.loa.support.web.FieldError;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
            List<FieldError> errors = new ArrayList<>();
            NewActivity cmd = null;
            if (r.shapeError() != null) {
                errors.add(new FieldError("row", r.shapeError()));
            } else {
                cmd = toActivity(r, errors);
                if (errors.isEmpty()) {
                    // The same bounds as POST /api/activities (README, "Field limits").
                    errors.addAll(ConstraintMessages.fieldErrors(validator.validate(cmd)));
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
                refused.add(new ImportResult.RefusedRow(o.row(), o.errors()));
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
        List<FieldError> errors = new ArrayList<>();
        if (!missing.isEmpty()) {
            errors.add(new FieldError("header", "missing columns " + missing + "; required: "
                    + String.join(",", ImportColumns.requiredHeaders()) + "; optional: " + optional()));
        }
        if (!unknown.isEmpty()) {
            errors.add(new FieldError("header", "unknown columns " + unknown + "; the columns are "
                    + String.join(",", ImportColumns.headers())));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    private static String optional() {
        return String.join(",", Arrays.stream(ImportColumns.values()).filter(c -> !c.required()).map(ImportColumns::header).toList());
    }

    private static NewActivity toActivity(ImportRow r, List<FieldError> errors) {
        UUID planId = null;
        String plan = r.cell("planId");
        try {
            planId = plan.isEmpty() ? null : UUID.fromString(plan);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("planId", "is not a UUID: '" + plan + "'"));
        }
        LocalDate due = null;
        String dueText = r.cell("dueDate");
        try {
            due = dueText.isEmpty() ? null : LocalDate.parse(dueText);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("dueDate", "is not a date YYYY-MM-DD: '" + dueText + "'"));
        }
        BigDecimal planned = number(r, "plannedQuantity", errors);
        BigDecimal cost = number(r, "plannedCostVnd", errors);
        Long costVnd = null;
        if (cost != null) {
            try {
                costVnd = cost.longValueExact();
            } catch (ArithmeticException e) {
                errors.add(new FieldError("plannedCostVnd", "is not a whole number of đồng: '" + r.cell("plannedCostVnd") + "'"));
            }
        }
        String source = r.cell("budgetSource");
        return new NewActivity(planId, r.cell("title"), r.cell("channel"), items(r.cell("topics")),
                items(r.cell("targetCodes")), r.cell("unit"), items(r.cell("coordinatingUnits")), due, planned, costVnd,
                source.isEmpty() ? null : source);
    }

    private static BigDecimal number(ImportRow r, String column, List<FieldError> errors) {
        String text = r.cell(column);
        try {
            return text.isEmpty() ? null : new BigDecimal(text);
        } catch (NumberFormatException e) {
            errors.add(new FieldError(column, "is not a number: '" + text + "'"));
            return null;
        }
    }

    /** List cells separate their items with ';'. */
    private static List<String> items(String cell) {
        return cell.isBlank() ? List.of()
                : Arrays.stream(cell.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
