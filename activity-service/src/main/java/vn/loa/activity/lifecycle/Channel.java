package vn.loa.activity.lifecycle;

/** The communication forms of the plan (API.md "Channels"). */
public enum Channel {
    RADIO, WEBSITE, PRESS, PANEL_POSTER, TRAINING, MEETING, LAW_DAY, POSTAL_SERVICE, OTHER;

    static boolean known(String code) {
        for (Channel c : values()) {
            if (c.name().equals(code)) {
                return true;
            }
        }
        return false;
    }
}
