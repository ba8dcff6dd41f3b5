package vn.loa.documents;

import java.text.Normalizer;

/** Vietnamese text is data: every renderer writes it in NFC, whatever form the caller holds. */
final class Texts {

    private Texts() {
    }

    static String nfc(String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** Upper case as Vietnamese writes it (the header lines of Decree 30 are in capitals). */
    static String upper(String text) {
        return nfc(text).toUpperCase(java.util.Locale.forLanguageTag("vi"));
    }
}
