package vn.loa.support.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PagingAndETagsTests {

    @Test
    void aPageSizeOver200IsAValidationError() {
        assertThatThrownBy(() -> Paging.of(0, 201)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().value()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("validation-failed");
            assertThat(e.errors()).extracting(FieldError::field).containsExactly("size");
        });
    }

    @Test
    void pagingDefaultsToTheFirstPageOfFifty() {
        assertThat(Paging.of(null, null)).isEqualTo(new Paging(0, 50));
    }

    @Test
    void ifMatchWithTheCurrentVersionPassesAndAnOldOneIsAPreconditionFailure() {
        ETags.checkIfMatch("\"3\"", 3);
        ETags.checkIfMatch(null, 3);
        ETags.checkIfMatch("*", 3);
        assertThatThrownBy(() -> ETags.checkIfMatch("\"2\"", 3)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("version-conflict"));
    }
}
