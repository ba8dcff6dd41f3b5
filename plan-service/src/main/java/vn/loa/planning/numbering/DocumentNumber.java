package vn.loa.planning.numbering;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A document number in the form of Decree 30/2020/NĐ-CP: {@code 169/KH-UBND} — the number in
 * Arabic digits (at least two, from 01 each calendar year), the abbreviation of the kind of
 * document ({@code KH} = kế hoạch) and of the issuing body.
 */
public record DocumentNumber(int number, String kind, String issuerAbbreviation) {

    public static final String PLAN = "KH";

    private static final Pattern FORM = Pattern.compile("^(\\d{1,6})/([\\p{L}Đđ]+)-([\\p{L}\\p{N}Đđ.\\-]+)$");

    public DocumentNumber {
        if (number < 1) {
            throw new IllegalArgumentException("a document number starts at 1: " + number);
        }
        if (kind == null || kind.isBlank() || issuerAbbreviation == null || issuerAbbreviation.isBlank()) {
            throw new IllegalArgumentException("kind and issuer abbreviation are required");
        }
    }

    public static DocumentNumber plan(int number, String issuerAbbreviation) {
        return new DocumentNumber(number, PLAN, issuerAbbreviation);
    }

    /** Parses {@code 169/KH-UBND}; empty when the text is not in that form. */
    public static Optional<DocumentNumber> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        int n = Integer.parseInt(m.group(1));
        return n < 1 ? Optional.empty() : Optional.of(new DocumentNumber(n, m.group(2), m.group(3)));
    }

    public static boolean isWellFormed(String text) {
        return parse(text).isPresent();
    }

    /** {@code 05/KH-UBND}: numbers below 10 are written with a leading zero. */
    public String format() {
        return String.format("%02d/%s-%s", number, kind, issuerAbbreviation);
    }

    @Override
    public String toString() {
        return format();
    }
}
