package vn.loa.documents;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentDatesTests {

    @Test
    void daysBelowTenAndJanuaryAndFebruaryTakeALeadingZero() {
        assertThat(DocumentDates.placeAndDate("Liên Minh", LocalDate.of(2022, 1, 24))).isEqualTo("Liên Minh, ngày 24 tháng 01 năm 2022");
        assertThat(DocumentDates.placeAndDate("Đức Thọ", LocalDate.of(2022, 2, 5))).isEqualTo("Đức Thọ, ngày 05 tháng 02 năm 2022");
        assertThat(DocumentDates.placeAndDate("Liên Minh", LocalDate.of(2022, 3, 5))).isEqualTo("Liên Minh, ngày 05 tháng 3 năm 2022");
        assertThat(DocumentDates.placeAndDate("Liên Minh", LocalDate.of(2022, 12, 15))).isEqualTo("Liên Minh, ngày 15 tháng 12 năm 2022");
    }

    @Test
    void anUndatedDraftLeavesTheDateToBeFilledIn() {
        assertThat(DocumentDates.placeAndDate("Liên Minh", null)).startsWith("Liên Minh, ngày ").contains("tháng").contains("năm");
    }
}
