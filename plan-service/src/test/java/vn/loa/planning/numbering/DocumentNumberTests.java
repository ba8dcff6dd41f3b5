package vn.loa.planning.numbering;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentNumberTests {

    @Test
    void formatsInTheDecree30FormWithTwoDigitsAtLeast() {
        assertThat(DocumentNumber.plan(5, "UBND").format()).isEqualTo("05/KH-UBND");
        assertThat(DocumentNumber.plan(169, "UBND").format()).isEqualTo("169/KH-UBND");
        assertThat(DocumentNumber.plan(10, "UBND").toString()).isEqualTo("10/KH-UBND");
    }

    @Test
    void parsesNumbersWithVietnameseAbbreviations() {
        assertThat(DocumentNumber.parse("169/KH-UBND")).contains(DocumentNumber.plan(169, "UBND"));
        assertThat(DocumentNumber.parse("3504/QĐ-UBND")).contains(new DocumentNumber(3504, "QĐ", "UBND"));
        assertThat(DocumentNumber.parse("05/BC-UBND").map(DocumentNumber::format)).contains("05/BC-UBND");
    }

    @Test
    void refusesWhatIsNotADocumentNumber() {
        assertThat(DocumentNumber.parse("KH-UBND")).isEmpty();
        assertThat(DocumentNumber.parse("0/KH-UBND")).isEmpty();
        assertThat(DocumentNumber.parse("12 KH UBND")).isEmpty();
        assertThat(DocumentNumber.parse(null)).isEmpty();
        assertThatThrownBy(() -> DocumentNumber.plan(0, "UBND")).isInstanceOf(IllegalArgumentException.class);
    }
}
