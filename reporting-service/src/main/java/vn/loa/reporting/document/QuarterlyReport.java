package vn.loa.reporting.document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a periodic report document shows (quarter, six months, year), independent of how the report is
 * stored: the unit and the one above it, the period, the figures and the narrative; once submitted its
 * number, signer and recipients (from the plan); for a consolidated report, the reports it consolidates.
 *
 * @param orgUnitName   "Xã Liên Minh"
 * @param parentName    "Huyện Đức Thọ", may be null
 * @param period        "2022-Q1"
 * @param submittedOn   the date of the document; null for a draft (left blank to fill in)
 * @param status        DRAFT, SUBMITTED, APPROVED or RETURNED
 * @param afterClosing  what arrived after the quarter was closed: shown apart, never in the figures
 * @param topics        activities per topic of the plan (a–f); empty for figures frozen before them
 * @param audiences     reach per audience (officials, citizens, businesses and investors); empty likewise
 * @param sources       money per budget source: the plan's amount for the year against what was spent
 * @param planYearVnd   the plan's budget for the whole year (null: figures frozen before it was kept)
 * @param evidence      the period's activities with their evidence files (issue 18)
 */
public record QuarterlyReport(
        String orgUnitCode,
        String orgUnitName,
        String parentName,
        String period,
        String status,
        LocalDate dueDate,
        LocalDate submittedOn,
        String planDocumentNumber,
        List<Target> targets,
        List<Channel> channels,
        List<Unit> units,
        long plannedVnd,
        long spentVnd,
        String results,
        String shortcomings,
        String nextSteps,
        List<LateArrival> afterClosing,
        String documentNumber,
        vn.loa.documents.Signer signer,
        List<String> recipients,
        List<Child> children,
        String issuerName,
        String parentBodyName,
        List<Topic> topics,
        List<Audience> audiences,
        List<Source> sources,
        Long planYearVnd,
        Long spentYearToDateVnd,
        List<EvidenceActivity> evidence) {

    /** A report without topics, audiences, sources and evidence (as frozen before them). */
    public QuarterlyReport(String orgUnitCode, String orgUnitName, String parentName, String period, String status,
                           LocalDate dueDate, LocalDate submittedOn, String planDocumentNumber, List<Target> targets,
                           List<Channel> channels, List<Unit> units, long plannedVnd, long spentVnd, String results,
                           String shortcomings, String nextSteps, List<LateArrival> afterClosing, String documentNumber,
                           vn.loa.documents.Signer signer, List<String> recipients, List<Child> children,
                           String issuerName, String parentBodyName) {
        this(orgUnitCode, orgUnitName, parentName, period, status, dueDate, submittedOn, planDocumentNumber, targets,
                channels, units, plannedVnd, spentVnd, results, shortcomings, nextSteps, afterClosing, documentNumber,
                signer, recipients, children, issuerName, parentBodyName, List.of(), List.of(), List.of(), null, null,
                List.of());
    }

    /** The same report with its topics, audiences, money per source and evidence. */
    public QuarterlyReport withDepth(List<Topic> topics, List<Audience> audiences, List<Source> sources,
                                     Long planYearVnd, Long spentYearToDateVnd, List<EvidenceActivity> evidence) {
        return new QuarterlyReport(orgUnitCode, orgUnitName, parentName, period, status, dueDate, submittedOn,
                planDocumentNumber, targets, channels, units, plannedVnd, spentVnd, results, shortcomings, nextSteps,
                afterClosing, documentNumber, signer, recipients, children, issuerName, parentBodyName, topics, audiences,
                sources, planYearVnd, spentYearToDateVnd, evidence);
    }

    /** A report with nothing after closing. */
    public QuarterlyReport(String orgUnitCode, String orgUnitName, String parentName, String period, String status,
                           LocalDate dueDate, LocalDate submittedOn, String planDocumentNumber, List<Target> targets,
                           List<Channel> channels, List<Unit> units, long plannedVnd, long spentVnd, String results,
                           String shortcomings, String nextSteps) {
        this(orgUnitCode, orgUnitName, parentName, period, status, dueDate, submittedOn, planDocumentNumber, targets,
                channels, units, plannedVnd, spentVnd, results, shortcomings, nextSteps, List.of(), null, null, List.of(),
                List.of(), null, null, List.of(), List.of(), List.of(), null, null, List.of());
    }

    public QuarterlyReport {
        afterClosing = afterClosing == null ? List.of() : List.copyOf(afterClosing);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        children = children == null ? List.of() : List.copyOf(children);
        targets = targets == null ? List.of() : List.copyOf(targets);
        channels = channels == null ? List.of() : List.copyOf(channels);
        units = units == null ? List.of() : List.copyOf(units);
        topics = topics == null ? List.of() : List.copyOf(topics);
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
        sources = sources == null ? List.of() : List.copyOf(sources);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** A topic of the plan ("a", its wording) and the period's activities about it. */
    public record Topic(String code, String title, long activitiesPlanned, long activitiesCompleted, long reach) {
    }

    /** OFFICIALS, CITIZENS, BUSINESSES (businesses and investors): completed activities and people reached. */
    public record Audience(String audience, long activitiesCompleted, long reach) {
    }

    /**
     * A budget source (PROVINCE, DISTRICT, COMMUNE, OTHER; NOT_STATED for activities that name none):
     * {@code planYearVnd}, the plan's amount for the whole year (null: the plan has no line for it; 0: it names the
     * source without an amount), the planned cost of the period's activities, spent in the period and from the start
     * of the year to its end (null for figures frozen before it).
     */
    public record Source(String source, Long planYearVnd, long activitiesPlannedVnd, long spentVnd,
                         Long spentYearToDateVnd) {
    }

    /** An activity of the period and its evidence files, in the order they were uploaded. */
    public record EvidenceActivity(String title, String channel, String status, LocalDate date,
                                   List<EvidenceFile> files) {
        public EvidenceActivity {
            files = files == null ? List.of() : List.copyOf(files);
        }
    }

    /** An evidence file: name, type (media type), size in bytes, SHA-256 (hex). */
    public record EvidenceFile(String name, String contentType, long size, String sha256) {
    }

    /**
     * {@code ratio} is achieved / planned (1 = 100 %), null when nothing was planned. {@code recurrence}
     * (MONTHLY, QUARTERLY or null): a recurring target's achieved value counts the months (quarters) in
     * which it was carried out; {@code activitiesCompleted} and {@code quantity} (in the channel's unit) of
     * the activities serving it are shown apart; both null for reports frozen before they existed.
     */
    public record Target(String code, String description, String indicator, BigDecimal planned, BigDecimal achieved,
                         BigDecimal ratio, String recurrence, Long activitiesCompleted, BigDecimal quantity) {

        public Target(String code, String description, String indicator, BigDecimal planned, BigDecimal achieved,
                      BigDecimal ratio) {
            this(code, description, indicator, planned, achieved, ratio, null, null, null);
        }
    }

    /** An activity reported after the quarter was closed ("sau khi khóa sổ"). */
    public record LateArrival(String title, String channel, String status, LocalDate completedOn, BigDecimal quantity,
                              LocalDate receivedOn) {
    }

    /** A report a consolidated report is made of: whether it is owed, its state, number, timeliness and figures. */
    public record Child(String code, String name, boolean expected, String status, String documentNumber,
                        Boolean onTime, BigDecimal achievement, long activitiesCompleted, long spentVnd) {
    }

    public record Channel(String channel, long activitiesPlanned, long activitiesCompleted, BigDecimal quantity,
                          long reach) {
    }

    /** {@code role}: LEAD (unit in charge) or COORDINATE. */
    public record Unit(String code, String name, String role, long assigned, long completed, long overdue) {
    }
}
