package vn.loa.documents;

/**
 * The signer block (Decree 30/2020, Appendix I): the authority line ("TM. ỦY BAN NHÂN DÂN"), may be null when
 * the head signs in their own name; {@code signsFor}, the line of a deputy signing for the head ("KT. CHỦ TỊCH"),
 * null otherwise; the position ("CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Q. CHỦ TỊCH"); the full name, printed under the
 * space for the signature. A vice-chairman signs a People's Committee's document as
 * "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH".
 */
public record Signer(String authority, String signsFor, String position, String name) {

    /** A block without a "KT." line. */
    public Signer(String authority, String position, String name) {
        this(authority, null, position, name);
    }
}
