package vn.loa.activity.lifecycle;

import jakarta.persistence.Embeddable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a completion recorded (columns of {@code activity}; all null while the activity is not completed): the
 * date and the period it falls in, outputs, reach in total and per audience, the cost spent, evidence, who and
 * when. A correction replaces it whole.
 */
@Embeddable
public record Completion(LocalDate completedOn, BigDecimal quantity, Long reach, Long reachOfficials,
                         Long reachCitizens, Long reachBusinesses, Long costVnd,
                         @JdbcTypeCode(SqlTypes.JSON) List<Evidence> evidence, String period, String completedBy,
                         Instant completedAt) {

    /** The audiences reached, in the order of {@link Audience}; those not given are left out. */
    public List<AudienceReach> audiences() {
        List<AudienceReach> list = new ArrayList<>(3);
        if (reachOfficials != null) {
            list.add(new AudienceReach(Audience.OFFICIALS.name(), reachOfficials));
        }
        if (reachCitizens != null) {
            list.add(new AudienceReach(Audience.CITIZENS.name(), reachCitizens));
        }
        if (reachBusinesses != null) {
            list.add(new AudienceReach(Audience.BUSINESSES.name(), reachBusinesses));
        }
        return list;
    }

    Completion withPeriod(String newPeriod) {
        return new Completion(completedOn, quantity, reach, reachOfficials, reachCitizens, reachBusinesses, costVnd,
                evidence, newPeriod, completedBy, completedAt);
    }
}
