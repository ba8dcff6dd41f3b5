package vn.loa.common.channel;

import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelTests {

    @Test
    void theChannelsOfApiMdWithTheirVietnameseNames() {
        assertThat(Arrays.stream(Channel.values()).map(Enum::name)).containsExactly("RADIO", "WEBSITE", "PRESS",
                "PANEL_POSTER", "TRAINING", "MEETING", "LAW_DAY", "POSTAL_SERVICE", "OTHER");
        assertThat(Channel.RADIO.label()).isEqualTo("Truyền thanh cơ sở");
        assertThat(Channel.POSTAL_SERVICE.label()).isEqualTo("Bưu điện, dịch vụ bưu chính công ích");
        assertThat(Channel.values()).allSatisfy(c -> assertThat(Normalizer.isNormalized(c.label(), Normalizer.Form.NFC)).isTrue());
    }

    @Test
    void codesAreExactAndUnknownOnesKeepTheirCode() {
        assertThat(Channel.of("LAW_DAY")).contains(Channel.LAW_DAY);
        assertThat(Channel.isKnown("radio")).isFalse();
        assertThat(Channel.isKnown(null)).isFalse();
        assertThat(Channel.labelOf("TELEVISION")).isEqualTo("TELEVISION");
        assertThat(Channel.labelOf("PRESS")).isEqualTo("Báo chí");
    }
}
