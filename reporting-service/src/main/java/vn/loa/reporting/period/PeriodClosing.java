package vn.loa.reporting.period;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.io.Serializable;
import java.time.OffsetDateTime;

/**
 * A district's closing of a quarter, the aggregate of the period's lock: closed once, reopened for a
 * while (each reopening bumps its version), closed again. {@code version} is the period's ETag.
 */
@Entity
@Table(name = "period_closing")
@IdClass(PeriodClosing.Key.class)
class PeriodClosing {

    @Id
    private String district;
    @Id
    private String period;
    @Column(name = "closed_at", nullable = false)
    private OffsetDateTime closedAt;
    @Column(name = "closed_by", nullable = false)
    private String closedBy;
    @Version
    private int version;

    protected PeriodClosing() {
    }

    PeriodClosing(String district, String period, OffsetDateTime closedAt, String closedBy) {
        this.district = district;
        this.period = period;
        this.closedAt = closedAt;
        this.closedBy = closedBy;
    }

    void closeAgain(OffsetDateTime at, String by) {
        this.closedAt = at;
        this.closedBy = by;
    }

    OffsetDateTime closedAt() {
        return closedAt;
    }

    String closedBy() {
        return closedBy;
    }

    int version() {
        return version;
    }

    record Key(String district, String period) implements Serializable {
        Key() {
            this(null, null);
        }
    }
}
