package vn.loa.common.time;

import java.time.ZoneId;

/** Time as Loa counts it: "today" and deadlines are in Vietnam, a day ending at 24:00 local time (API.md). */
public final class LoaTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private LoaTime() {
    }
}
