package vn.loa.planning.plan;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One issued version of a plan (1 = as issued, then one per amendment), as it was: part of the plan
 * aggregate's history, written once in the transaction of the change that makes it and never updated
 * ({@code @Immutable}, so it needs no {@code @Version}: the plan's {@code @Version} orders the changes
 * and the key (plan, version) refuses a second writer).
 */
@Entity
@Immutable
@Table(name = "plan_version")
class PlanVersion implements Persistable<PlanVersion.Key> {

    @Embeddable
    record Key(@Column(name = "plan_id") UUID planId, @Column(name = "version") int version) implements Serializable {
    }

    @EmbeddedId
    private Key key;

    private String kind;

    private String reason;

    private String documentNumber;

    private LocalDate issuedOn;

    @JdbcTypeCode(SqlTypes.JSON)
    private PlanContent content;

    private Instant recordedAt;

    private String recordedBy;

    /** Versions are only ever inserted: tells Spring Data to persist without looking for an existing row first. */
    @Transient
    private boolean isNew = true;

    protected PlanVersion() {
        // for JPA
    }

    @Override
    public Key getId() {
        return key;
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

    static PlanVersion of(Plan p, String kind, String reason, Instant at, String by) {
        PlanVersion v = new PlanVersion();
        v.key = new Key(p.id(), p.version());
        v.kind = kind;
        v.reason = reason;
        v.documentNumber = p.documentNumber();
        v.issuedOn = p.issuedOn();
        v.content = p.content();
        v.recordedAt = at;
        v.recordedBy = by;
        return v;
    }

    VersionSummary summary() {
        return new VersionSummary(key.version(), kind, reason, documentNumber, issuedOn, recordedAt, recordedBy);
    }

    VersionView view() {
        return new VersionView(key.planId(), key.version(), kind, reason, documentNumber, issuedOn, recordedAt, recordedBy, content);
    }
}
