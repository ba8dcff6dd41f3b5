package vn.loa.reporting.period;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A time-boxed reopening of a closed quarter for one commune, or for the whole district (orgUnit = district). */
@Entity
@Table(name = "period_reopening")
class PeriodReopening {

    @Id
    private UUID id;
    @Column(nullable = false)
    private String district;
    @Column(name = "org_unit", nullable = false)
    private String orgUnit;
    @Column(nullable = false)
    private String period;
    @Column(nullable = false)
    private String reason;
    @Column(nullable = false)
    private OffsetDateTime until;
    @Column(name = "reopened_by", nullable = false)
    private String reopenedBy;
    @Column(name = "reopened_at", nullable = false)
    private OffsetDateTime reopenedAt;
    @Version
    private int version;

    protected PeriodReopening() {
    }

    PeriodReopening(String district, String orgUnit, String period, String reason, OffsetDateTime until,
                    String reopenedBy, OffsetDateTime reopenedAt) {
        this.id = UUID.randomUUID();
        this.district = district;
        this.orgUnit = orgUnit;
        this.period = period;
        this.reason = reason;
        this.until = until;
        this.reopenedBy = reopenedBy;
        this.reopenedAt = reopenedAt;
    }

    /** Closing again ends a reopening still running. */
    void endAt(OffsetDateTime at) {
        if (until.isAfter(at)) {
            until = at;
        }
    }

    String orgUnit() {
        return orgUnit;
    }

    String reason() {
        return reason;
    }

    OffsetDateTime until() {
        return until;
    }

    String reopenedBy() {
        return reopenedBy;
    }
}
