package vn.loa.notification.subscription;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public record Subscription(UUID id, String orgUnit, List<String> orgUnitPath, String unit, Channel channel,
                           String target, List<String> events, String secret, String language, String createdBy,
                           OffsetDateTime createdAt) {

    public enum Channel { EMAIL, WEBHOOK }

    /** The recipient this subscription speaks for, as written in delivery keys. */
    public String recipientKey() {
        return unit == null ? orgUnit : orgUnit + "/" + unit;
    }
}
