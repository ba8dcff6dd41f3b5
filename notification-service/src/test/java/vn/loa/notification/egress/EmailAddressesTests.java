package vn.loa.notification.egress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EmailAddressesTests {

    @ParameterizedTest
    @ValueSource(strings = {"vhtt@lien-minh.example.vn", "phong.vhtt+loa@duc-tho.ha-tinh.gov.vn", "a_b-c@x.vn"})
    void oneAddressIsAccepted(String address) {
        assertThat(EmailAddresses.problem(address)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@b,c.d", "a@b.vn, c@d.vn", "a@b.vn;c@d.vn", "Cán bộ <a@b.vn>", "a@b.vn (văn thư)",
            "nhom: a@b.vn, c@d.vn;", "a@b.vn\r\nBcc: c@d.vn", "a b@c.vn", "@b.vn", "a@", "a@b", "a@.vn", "a@b.vn.",
            "a@[10.0.0.5]", "\"a@b\"@c.vn", ""})
    void anythingButExactlyOnePlainAddressIsRefused(String text) {
        assertThat(EmailAddresses.problem(text)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(ints = {65, 255})
    void overlongAddressesAreRefused(int length) {
        String local = "a".repeat(length == 65 ? 65 : 64);
        String domain = length == 65 ? "b.vn" : "b".repeat(length - 64 - 1 - 3) + ".vn";
        assertThat(EmailAddresses.problem(local + "@" + domain)).isPresent();
    }
}
