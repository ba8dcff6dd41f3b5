package vn.loa.documents;

import java.time.LocalDate;

/** The place-and-date line of Decree 30/2020/NĐ-CP (Appendix I, section II.5). */
public final class DocumentDates {

    private DocumentDates() {
    }

    public static String placeAndDate(String place, LocalDate date) {
        String prefix = place == null || place.isBlank() ? "" : place + ", ";
        if (date == null) {
            return prefix + "ngày      tháng      năm      ";
        }
        // Days below 10 and months 1 and 2 are written with a leading zero.
        String day = date.getDayOfMonth() < 10 ? "0" + date.getDayOfMonth() : String.valueOf(date.getDayOfMonth());
        String month = date.getMonthValue() <= 2 ? "0" + date.getMonthValue() : String.valueOf(date.getMonthValue());
        return prefix + "ngày " + day + " tháng " + month + " năm " + date.getYear();
    }
}
