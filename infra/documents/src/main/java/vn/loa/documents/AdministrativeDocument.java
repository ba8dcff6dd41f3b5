package vn.loa.documents;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An administrative document in the sense of Decree 30/2020/NĐ-CP: the parts every renderer lays
 * out the same way (header with the issuer under its parent body and the national motto, number and
 * symbol, place and date, title, body, recipients, signer block).
 *
 * @param parentBody the body the issuer belongs to ("UBND HUYỆN ĐỨC THỌ"), may be null
 * @param issuer     the issuing body ("UBND XÃ LIÊN MINH")
 * @param number     number and symbol ("05/KH-UBND"); null for a draft not yet numbered
 * @param place      place name of the date line ("Liên Minh")
 * @param date       issue date; null for a draft (the date line is left to fill in by hand)
 * @param kind       the kind of document, printed as the title ("KẾ HOẠCH", "BÁO CÁO")
 * @param subtitle   what it is about, printed under the title, may be null
 * @param sections   the body
 * @param recipients the "Nơi nhận" items ("Phòng VHTT (b/c);", "Lưu: VT.")
 * @param signer     the signer block, may be null
 */
public record AdministrativeDocument(
        String parentBody,
        String issuer,
        String number,
        String place,
        LocalDate date,
        String kind,
        String subtitle,
        List<Section> sections,
        List<String> recipients,
        Signer signer) {

    public AdministrativeDocument {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(kind, "kind");
        sections = sections == null ? List.of() : List.copyOf(sections);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    /** "Số: 05/KH-UBND", or a blank number to fill in by hand when the document is a draft. */
    public String numberLine() {
        return "Số: " + (number == null || number.isBlank() ? "      /" : number);
    }

    /** "Liên Minh, ngày 24 tháng 01 năm 2022" (Decree 30: day below 10 and months 1–2 take a leading zero). */
    public String placeAndDateLine() {
        return DocumentDates.placeAndDate(place, date);
    }
}
