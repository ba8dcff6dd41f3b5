package vn.loa.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

class FirewallCharactersTests {

    @Test
    void everyCodePointGetsTheVerdictOfSpringSecuritysRegularExpressions() {
        List<String> differences = new ArrayList<>();
        // Every code point of the planes where characters are (0-2: the regexes take a few seconds for all 1.1 million),
        // every 13th above them (tags, private use, unassigned); the BMP also between printable ASCII (the loops' fast
        // path), as a character sits in a header.
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint += codePoint < 0x30000 ? 1 : 13) {
            String alone = new String(Character.toChars(codePoint));
            compare(alone, differences);
            if (codePoint <= 0xFFFF) {
                compare("Bearer " + alone + "x", differences);
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void headersAsTheyComeGetTheSameVerdicts() {
        List<String> differences = new ArrayList<>();
        for (String value : List.of("", "Bearer eyJraWQiOiJ6NWRKTnFtZjVaTWR5N19yUVRqWXpEUDZBMDdpckFoYXFDSy1xLUlXZWw4In0.e30.c2ln",
                "\"1\"", "vi-VN,vi;q=0.9,en;q=0.8", "Nhật ký phát thanh – Xã Liên Minh", "a\tb", "\t", "a\u0000b", "a\nb",
                "a\rb", "a\u007fb", "a\u0085b", "a\u2028b", "a\u0378b", "😀 emoji", "\ud83d", "x\ude00y", "\ud83d\ude00\u0001",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")) {
            compare(value, differences);
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void controlCharactersAreRefusedAndATabOnlyInAValue() {
        assertThat(FirewallCharacters.headerValue("a\tb")).isTrue();
        assertThat(FirewallCharacters.assignedAndNotControl("a\tb")).isFalse();
        assertThat(FirewallCharacters.headerValue("a\u0000b")).isFalse();
        assertThat(FirewallCharacters.headerValue("a\u0378b")).as("unassigned").isFalse();
        assertThat(FirewallCharacters.headerValue("Xã Liên Minh")).isTrue();
    }

    private static void compare(String s, List<String> differences) {
        check("header name", StrictHttpFirewall.ALLOWED_HEADER_NAMES, FirewallCharacters::assignedAndNotControl, s, differences);
        check("header value", StrictHttpFirewall.ALLOWED_HEADER_VALUES, FirewallCharacters::headerValue, s, differences);
        check("parameter name", StrictHttpFirewall.ALLOWED_PARAMETER_NAMES, FirewallCharacters::assignedAndNotControl, s,
                differences);
    }

    private static void check(String what, Predicate<String> spring, Predicate<String> ours, String s, List<String> differences) {
        boolean expected = spring.test(s);
        if (ours.test(s) != expected && differences.size() < 20) {
            differences.add(what + " " + s.codePoints().mapToObj(Integer::toHexString).toList() + ": Spring " + expected);
        }
    }
}
