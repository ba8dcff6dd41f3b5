package vn.loa.documents;

/**
 * The signer block: the authority line ("TM. ỦY BAN NHÂN DÂN"), may be null when the head signs in
 * their own name; the position ("CHỦ TỊCH"); the full name, printed under the space for the signature.
 */
public record Signer(String authority, String position, String name) {
}
