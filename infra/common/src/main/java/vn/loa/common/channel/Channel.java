package vn.loa.common.channel;

import java.util.Arrays;
import java.util.Optional;

/**
 * The communication forms of the seed plan, as the codes every service uses (API.md, Channels), with their
 * Vietnamese names as plans and reports print them.
 */
public enum Channel {

    RADIO("Truyền thanh cơ sở"),
    WEBSITE("Trang thông tin điện tử"),
    PRESS("Báo chí"),
    PANEL_POSTER("Pano, áp phích"),
    TRAINING("Tập huấn, bồi dưỡng"),
    MEETING("Phiên họp thường kỳ UBND"),
    LAW_DAY("Ngày pháp luật"),
    POSTAL_SERVICE("Bưu điện, dịch vụ bưu chính công ích"),
    OTHER("Hình thức khác");

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    /** The Vietnamese name, e.g. "Truyền thanh cơ sở" (NFC). */
    public String label() {
        return label;
    }

    /** The channel of a code as written in requests and events ({@code "RADIO"}); empty for anything else. */
    public static Optional<Channel> of(String code) {
        return code == null ? Optional.empty()
                : Arrays.stream(values()).filter(c -> c.name().equals(code)).findFirst();
    }

    public static boolean isKnown(String code) {
        return of(code).isPresent();
    }

    /** The Vietnamese name of a code, or the code itself when it is not a channel (data written before a change). */
    public static String labelOf(String code) {
        return of(code).map(Channel::label).orElse(code);
    }
}
