package vn.loa.notification.subscription;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A subscription: who (an org unit, or a unit inside it) hears which notification types on which
 * channel and target. An aggregate of its own: created, read and deleted, never changed in place
 * (a new target is a new subscription); {@code version} is its ETag.
 */
@Entity
@Table(name = "subscription")
public class Subscription {

    public enum Channel { EMAIL, WEBHOOK }

    @Id
    private UUID id;
    @Column(name = "org_unit", nullable = false)
    private String orgUnit;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "org_unit_path", nullable = false, columnDefinition = "text[]")
    private List<String> orgUnitPath;
    private String unit;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Channel channel;
    @Column(nullable = false)
    private String target;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    private List<String> events;
    /** The Standard Webhooks secret ({@code whsec_…}) of a webhook; null for e-mail. */
    private String secret;
    @Column(nullable = false)
    private String language;
    @Column(name = "created_by")
    private String createdBy;
    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;
    @Version
    private Long version;

    protected Subscription() {
        // for JPA
    }

    public Subscription(UUID id, String orgUnit, List<String> orgUnitPath, String unit, Channel channel, String target,
                        List<String> events, String secret, String language, String createdBy,
                        OffsetDateTime createdAt) {
        this.id = id;
        this.orgUnit = orgUnit;
        this.orgUnitPath = List.copyOf(orgUnitPath);
        this.unit = unit;
        this.channel = channel;
        this.target = target;
        this.events = List.copyOf(events);
        this.secret = secret;
        this.language = language;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    /** The recipient this subscription speaks for, as written in delivery keys. */
    public String recipientKey() {
        return unit == null ? orgUnit : orgUnit + "/" + unit;
    }

    public UUID id() {
        return id;
    }

    public String orgUnit() {
        return orgUnit;
    }

    public List<String> orgUnitPath() {
        return orgUnitPath == null ? List.of() : List.copyOf(orgUnitPath);
    }

    public String unit() {
        return unit;
    }

    public Channel channel() {
        return channel;
    }

    public String target() {
        return target;
    }

    public List<String> events() {
        return events == null ? List.of() : List.copyOf(events);
    }

    public String secret() {
        return secret;
    }

    public String language() {
        return language;
    }

    public String createdBy() {
        return createdBy;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    /** The version the ETag names; 0 before the first flush. */
    public long version() {
        return version == null ? 0 : version;
    }
}
