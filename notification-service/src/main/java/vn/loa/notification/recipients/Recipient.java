package vn.loa.notification.recipients;

import java.util.List;

/**
 * Who is told: an org unit, or one unit inside it (a commune office, a district phòng).
 * {@code orgUnitPath} is kept for scope checks.
 */
public record Recipient(String orgUnit, String unit, List<String> orgUnitPath) {

    public Recipient {
        orgUnitPath = orgUnitPath == null || orgUnitPath.isEmpty() ? List.of(orgUnit) : List.copyOf(orgUnitPath);
    }

    public static Recipient orgUnit(String orgUnit, List<String> path) {
        return new Recipient(orgUnit, null, path);
    }

    public static Recipient unit(String orgUnit, String unit, List<String> path) {
        return new Recipient(orgUnit, unit, path);
    }

    /** Stable text form, used in delivery keys: {@code lien-minh} or {@code lien-minh/noi-vu}. */
    public String key() {
        return unit == null ? orgUnit : orgUnit + "/" + unit;
    }
}
