package vn.loa.planning.plan;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The plan aggregate: key facts as columns (org unit, year, status, number, issue date, the plan it
 * implements) and every section as one validated JSON document ({@link PlanContent}). Its history,
 * one {@link PlanVersion} per issue and amendment, is appended in the same transaction as the change
 * that makes it. The org unit and the implemented plan are referenced by id; the org unit's path is read
 * from the current tree when it is needed, never copied here.
 *
 * <p>{@code rowVersion} is the {@code @Version} and the ETag; {@code version} is the issued version
 * of API.md (0 for a draft, 1 when issued, +1 per amendment).
 */
@Entity
@Table(name = "plan")
class Plan {

    @Id
    private UUID id;

    @Column(name = "org_unit_code")
    private String orgUnit;

    private int year;

    @Enumerated(EnumType.STRING)
    private PlanStatus status;

    /** A wrapper, so that Spring Data tells a new plan (null) from a stored one and persists without a select. */
    @Version
    private Integer rowVersion;

    private int version;

    private String documentNumber;

    private Integer documentYear;

    private LocalDate issuedOn;

    private String issuerName;

    private UUID implementsPlanId;

    private String title;

    @JdbcTypeCode(SqlTypes.JSON)
    private PlanContent content;

    private Instant createdAt;

    private String createdBy;

    private Instant updatedAt;

    private String updatedBy;

    private Instant closedAt;

    private String closedBy;

    protected Plan() {
        // for JPA
    }

    static Plan draft(UUID id, String orgUnit, int year, PlanContent content, Instant at, String by) {
        Plan p = new Plan();
        p.id = id;
        p.orgUnit = orgUnit;
        p.year = year;
        p.status = PlanStatus.DRAFT;
        p.setContent(content);
        p.createdAt = at;
        p.createdBy = by;
        p.updatedAt = at;
        p.updatedBy = by;
        return p;
    }

    void edit(int newYear, PlanContent newContent, Instant at, String by) {
        require(status.isEditable(), "edited");
        year = newYear;
        setContent(newContent);
        touch(at, by);
    }

    void issue(String number, LocalDate on, String issuer, Instant at, String by) {
        require(status.canIssue(), "issued");
        status = PlanStatus.ISSUED;
        version = 1;
        documentNumber = number;
        documentYear = on.getYear();
        issuedOn = on;
        issuerName = issuer;
        touch(at, by);
    }

    void amend(PlanContent newContent, Instant at, String by) {
        require(status.canAmend(), "amended");
        version++;
        setContent(newContent);
        touch(at, by);
    }

    void close(Instant at, String by) {
        require(status.canClose(), "closed");
        status = PlanStatus.CLOSED;
        closedAt = at;
        closedBy = by;
        touch(at, by);
    }

    private void setContent(PlanContent c) {
        content = c;
        title = c.title();
        implementsPlanId = c.implementsPlanId();
    }

    private void touch(Instant at, String by) {
        updatedAt = at;
        updatedBy = by;
    }

    private void require(boolean allowed, String what) {
        // the service refuses with the API's problem first; this guards the aggregate itself
        if (!allowed) {
            throw new IllegalStateException("plan " + id + " is " + status + " and cannot be " + what);
        }
    }

    String etag() {
        return "\"" + rowVersion() + "\"";
    }

    UUID id() {
        return id;
    }

    String orgUnit() {
        return orgUnit;
    }

    int year() {
        return year;
    }

    PlanStatus status() {
        return status;
    }

    int rowVersion() {
        return rowVersion == null ? 0 : rowVersion;
    }

    int version() {
        return version;
    }

    String documentNumber() {
        return documentNumber;
    }

    LocalDate issuedOn() {
        return issuedOn;
    }

    String issuerName() {
        return issuerName;
    }

    PlanContent content() {
        return content;
    }

    Instant createdAt() {
        return createdAt;
    }

    String createdBy() {
        return createdBy;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    String updatedBy() {
        return updatedBy;
    }

    Instant closedAt() {
        return closedAt;
    }

    String closedBy() {
        return closedBy;
    }
}
