package vn.loa.planning.plan;

import java.util.Arrays;

/** The communication channels of API.md. */
public enum Channel {
    RADIO, WEBSITE, PRESS, PANEL_POSTER, TRAINING, MEETING, LAW_DAY, POSTAL_SERVICE, OTHER;

    public static boolean isKnown(String code) {
        return code != null && Arrays.stream(values()).anyMatch(c -> c.name().equals(code));
    }
}
