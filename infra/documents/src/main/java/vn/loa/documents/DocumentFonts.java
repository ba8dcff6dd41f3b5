package vn.loa.documents;

import com.lowagie.text.pdf.BaseFont;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Liberation Serif (SIL OFL 1.1, metric-compatible with Times New Roman, which Decree 30 prescribes),
 * shipped in this jar and embedded in every PDF so Vietnamese renders on any machine.
 */
final class DocumentFonts {

    /** The name a DOCX asks the reader's word processor for. */
    static final String DOCX_FAMILY = "Times New Roman";

    static final BaseFont REGULAR = load("LiberationSerif-Regular.ttf");
    static final BaseFont BOLD = load("LiberationSerif-Bold.ttf");
    static final BaseFont ITALIC = load("LiberationSerif-Italic.ttf");
    static final BaseFont BOLD_ITALIC = load("LiberationSerif-BoldItalic.ttf");

    private DocumentFonts() {
    }

    private static BaseFont load(String file) {
        try (InputStream in = DocumentFonts.class.getResourceAsStream("/fonts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("font missing from the classpath: /fonts/" + file);
            }
            return BaseFont.createFont(file, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
