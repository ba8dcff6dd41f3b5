package vn.loa.activity.lifecycle;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.springframework.data.domain.Persistable;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The activity aggregate: one piece of communication work under an issued plan, from {@code PLANNED} to
 * {@code COMPLETED} or {@code CANCELLED}, correctable while its period is open. {@code version} is the JPA
 * {@code @Version} and the ETag (1 when scheduled, +1 per change); each change appends an {@link ActivityChange}
 * in the same transaction. The plan is referenced by id; the org unit by code, its scope read from the current
 * tree ({@code AccessPolicy}). The copied {@code org_unit_path} is only what the events carry; it is rewritten
 * set-based when the unit moves, so the entity never writes it after the insert, nor the overdue job's
 * {@code overdue_notified_at} (not mapped).
 */
@Entity
@Table(name = "activity")
public class Activity implements Persistable<UUID> {

    @Id
    private UUID id;

    @Column(updatable = false)
    private UUID planId;

    @Column(updatable = false)
    private String planDocumentNumber;

    @Column(updatable = false)
    private String orgUnit;

    @Column(updatable = false)
    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> orgUnitPath;

    private String title;

    private String channel;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> topics;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> targetCodes;

    private String unit;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> coordinatingUnits;

    private LocalDate dueDate;

    private BigDecimal plannedQuantity;

    private Long plannedCostVnd;

    @Enumerated(EnumType.STRING)
    private BudgetSource budgetSource;

    @Enumerated(EnumType.STRING)
    private ActivityStatus status;

    @Version
    private int version;

    @Column(updatable = false)
    private String createdBy;

    @Column(updatable = false)
    private Instant createdAt;

    private String startedBy;

    private Instant startedAt;

    @Embedded
    private Completion completion;

    @Embedded
    private Cancellation cancellation;

    /** Scheduled here and not stored yet: Spring Data persists without looking for the row first. */
    @Transient
    private boolean isNew;

    protected Activity() {
        // for JPA
    }

    static Activity scheduled(UUID id, UUID planId, String planDocumentNumber, String orgUnit, List<String> orgUnitPath,
                              Planning planning, String by, Instant at) {
        Activity a = stored(id, planId, planDocumentNumber, orgUnit, orgUnitPath, planning, ActivityStatus.PLANNED, 1, by,
                at, null, null, null, null);
        a.isNew = true;
        return a;
    }

    /**
     * An activity in the given state, as a JDBC read found it ({@link ActivityRows}). Not managed by JPA: a change
     * to it is written by {@link ActivityRows}' statements, never saved through the repository (which would take it
     * for an update of a detached entity).
     */
    static Activity stored(UUID id, UUID planId, String planDocumentNumber, String orgUnit, List<String> orgUnitPath,
                           Planning planning, ActivityStatus status, int version, String createdBy, Instant createdAt,
                           String startedBy, Instant startedAt, Completion completion, Cancellation cancellation) {
        Activity a = new Activity();
        a.id = id;
        a.planId = planId;
        a.planDocumentNumber = planDocumentNumber;
        a.orgUnit = orgUnit;
        a.orgUnitPath = new ArrayList<>(orgUnitPath);
        a.plan(planning);
        a.status = status;
        a.version = version;
        a.createdBy = createdBy;
        a.createdAt = createdAt;
        a.startedBy = startedBy;
        a.startedAt = startedAt;
        a.completion = completion;
        a.cancellation = cancellation;
        return a;
    }

    void start(String by, Instant at) {
        if (status != ActivityStatus.PLANNED) {
            throw new InvalidTransitionException("start", status);
        }
        status = ActivityStatus.IN_PROGRESS;
        startedBy = by;
        startedAt = at;
    }

    /**
     * Work done without a separate start is common (a broadcast), so a planned activity may complete directly.
     *
     * @param spentFrom where the money spent came from, if the completion says (else the source planned stays)
     */
    void complete(Completion done, BudgetSource spentFrom) {
        if (!status.open()) {
            throw new InvalidTransitionException("complete", status);
        }
        status = ActivityStatus.COMPLETED;
        completion = done;
        if (spentFrom != null) {
            budgetSource = spentFrom;
        }
    }

    void cancel(Cancellation why) {
        if (!status.open()) {
            throw new InvalidTransitionException("cancel", status);
        }
        status = ActivityStatus.CANCELLED;
        cancellation = why;
    }

    /**
     * A correction: the planning as corrected and, for a completed activity, its completion as corrected (null
     * otherwise). A cancelled activity is not corrected.
     */
    void correct(Planning planning, Completion corrected) {
        if (status == ActivityStatus.CANCELLED) {
            throw new InvalidTransitionException("correct", status);
        }
        if ((corrected != null) != (status == ActivityStatus.COMPLETED)) {
            throw new IllegalArgumentException("only a completed activity has a completion");
        }
        plan(planning);
        if (corrected != null) {
            completion = corrected;
        }
    }

    private void plan(Planning p) {
        title = p.title();
        channel = p.channel();
        topics = new ArrayList<>(p.topics());
        targetCodes = new ArrayList<>(p.targetCodes());
        unit = p.unit();
        coordinatingUnits = new ArrayList<>(p.coordinatingUnits());
        dueDate = p.dueDate();
        plannedQuantity = p.plannedQuantity();
        plannedCostVnd = p.plannedCostVnd();
        budgetSource = p.budgetSource();
    }

    public boolean overdue(LocalDate today) {
        return Overdue.isOverdue(status, dueDate, today);
    }

    Planning planning() {
        return new Planning(title, channel, topics, targetCodes, unit, coordinatingUnits, dueDate, plannedQuantity,
                plannedCostVnd, budgetSource);
    }

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void stored() {
        isNew = false;
    }

    public UUID id() {
        return id;
    }

    public UUID planId() {
        return planId;
    }

    public String planDocumentNumber() {
        return planDocumentNumber;
    }

    public String orgUnit() {
        return orgUnit;
    }

    public List<String> orgUnitPath() {
        return List.copyOf(orgUnitPath);
    }

    public String title() {
        return title;
    }

    public String channel() {
        return channel;
    }

    public List<String> topics() {
        return List.copyOf(topics);
    }

    public List<String> targetCodes() {
        return List.copyOf(targetCodes);
    }

    public String unit() {
        return unit;
    }

    public List<String> coordinatingUnits() {
        return List.copyOf(coordinatingUnits);
    }

    public LocalDate dueDate() {
        return dueDate;
    }

    public BigDecimal plannedQuantity() {
        return plannedQuantity;
    }

    public Long plannedCostVnd() {
        return plannedCostVnd;
    }

    public BudgetSource budgetSource() {
        return budgetSource;
    }

    public ActivityStatus status() {
        return status;
    }

    public int version() {
        return version;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String startedBy() {
        return startedBy;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Completion completion() {
        return completion;
    }

    public Cancellation cancellation() {
        return cancellation;
    }
}
