package vn.loa.support.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IfMatchTests {

    @Test
    void aMissingHeaderIs428() {
        for (String header : new String[] {null, "", "  "}) {
            assertThatThrownBy(() -> IfMatch.from(header).check(3, vn.loa.common.problem.Text.of("object.plan", "x")))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status().value()).isEqualTo(428);
                        assertThat(e.code()).isEqualTo("precondition-required");
                    });
        }
    }

    @Test
    void theCurrentVersionMatchesStrongWeakOrInAList() {
        assertThat(IfMatch.from("\"3\"").matches(3)).isTrue();
        assertThat(IfMatch.from("W/\"3\"").matches(3)).isTrue();
        assertThat(IfMatch.from("\"2\", W/\"4\"").matches(4)).isTrue();
        assertThat(IfMatch.from("3").matches(3)).isTrue();
        assertThat(IfMatch.from("*").matches(17)).isTrue();
        assertThat(IfMatch.version(5).matches(5)).isTrue();
    }

    @Test
    void aStaleVersionIs412() {
        assertThat(IfMatch.from("\"2\"").matches(3)).isFalse();
        assertThatThrownBy(() -> IfMatch.from("\"2\"").check(3, vn.loa.common.problem.Text.of("object.plan", "x")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(412);
                    assertThat(e.code()).isEqualTo("version-conflict");
                    assertThat(e.getMessage()).contains("\"3\"");
                });
    }
}
