package vn.loa.reporting.report;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A unit's periodic report (quarter, six months, year), the aggregate of the workflow: narrative, status, who and when, and
 * the figures frozen at submission (JSON). {@code version} is its ETag.
 */
@Entity
@Table(name = "report")
class Report {

    @Id
    private UUID id;
    @Column(name = "org_unit", nullable = false, updatable = false)
    private String orgUnit;
    @Column(nullable = false, updatable = false)
    private String period;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ReportStatus status;
    private String results;
    private String shortcomings;
    @Column(name = "next_steps")
    private String nextSteps;
    @Column(name = "due_date", nullable = false)
    private LocalDate dueDate;
    @Column(name = "submitted_at")
    private OffsetDateTime submittedAt;
    @Column(name = "submitted_by")
    private String submittedBy;
    @Column(name = "on_time")
    private Boolean onTime;
    @Column(name = "decided_at")
    private OffsetDateTime decidedAt;
    @Column(name = "decided_by")
    private String decidedBy;
    @Column(name = "return_reason")
    private String returnReason;
    @JdbcTypeCode(SqlTypes.JSON)
    private String figures;
    @Column(name = "document_number")
    private String documentNumber;
    @Column(name = "document_year")
    private Integer documentYear;
    @Column(name = "signer_form")
    private String signerForm;
    @Column(name = "signer_title")
    private String signerTitle;
    @Column(name = "signer_name")
    private String signerName;
    @Column(name = "reports_to")
    private String reportsTo;
    @Version
    private int version;

    protected Report() {
    }

    void narrative(String results, String shortcomings, String nextSteps) {
        this.results = results;
        this.shortcomings = shortcomings;
        this.nextSteps = nextSteps;
    }

    void submit(OffsetDateTime at, String by, boolean onTime, String figures, LocalDate dueDate) {
        this.status = ReportStatus.SUBMITTED;
        this.submittedAt = at;
        this.submittedBy = by;
        this.onTime = onTime;
        this.decidedAt = null;
        this.decidedBy = null;
        this.figures = figures;
        this.dueDate = dueDate;
    }

    /**
     * The number given at this submission (a resubmission after a return is a new document, with a new number:
     * each document sent out is registered under its own), the signer chosen, and the unit it went to.
     */
    void numbered(String number, int year, String form, String title, String name, String to) {
        this.documentNumber = number;
        this.documentYear = year;
        this.signerForm = form;
        this.signerTitle = title;
        this.signerName = name;
        this.reportsTo = to;
    }

    void approve(OffsetDateTime at, String by) {
        this.status = ReportStatus.APPROVED;
        this.decidedAt = at;
        this.decidedBy = by;
        this.returnReason = null;
    }

    /** Returned: the figures are live again until the commune resubmits. */
    void returnWith(OffsetDateTime at, String by, String reason) {
        this.status = ReportStatus.RETURNED;
        this.decidedAt = at;
        this.decidedBy = by;
        this.returnReason = reason;
        this.figures = null;
    }

    UUID id() {
        return id;
    }

    String orgUnit() {
        return orgUnit;
    }

    String period() {
        return period;
    }

    ReportStatus status() {
        return status;
    }

    String results() {
        return results;
    }

    String shortcomings() {
        return shortcomings;
    }

    String nextSteps() {
        return nextSteps;
    }

    OffsetDateTime submittedAt() {
        return submittedAt;
    }

    String submittedBy() {
        return submittedBy;
    }

    Boolean onTime() {
        return onTime;
    }

    OffsetDateTime decidedAt() {
        return decidedAt;
    }

    String decidedBy() {
        return decidedBy;
    }

    String returnReason() {
        return returnReason;
    }

    String figures() {
        return figures;
    }

    String documentNumber() {
        return documentNumber;
    }

    String signerForm() {
        return signerForm;
    }

    String signerTitle() {
        return signerTitle;
    }

    String signerName() {
        return signerName;
    }

    String reportsTo() {
        return reportsTo;
    }

    int version() {
        return version;
    }
}
