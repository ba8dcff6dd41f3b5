package vn.loa.documents;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Lays an {@link AdministrativeDocument} out on A4 as Decree 30/2020/NĐ-CP (Appendix I) asks:
 * margins top/bottom 20 mm, left 30 mm, right 15 mm; Times-metric font; header table with the issuer
 * on the left and the national motto on the right; page numbers from page 2, centered at the top.
 */
public final class PdfDocumentRenderer {

    private static final float MM = 72f / 25.4f;
    private static final float BODY_SIZE = 14f;
    private static final float FIRST_LINE_INDENT = 10 * MM;

    private static final Font HEADER = new Font(DocumentFonts.REGULAR, 12.5f);
    private static final Font HEADER_BOLD = new Font(DocumentFonts.BOLD, 12.5f);
    private static final Font MOTTO = new Font(DocumentFonts.BOLD, 13.5f);
    private static final Font NUMBER = new Font(DocumentFonts.REGULAR, 13f);
    private static final Font DATE = new Font(DocumentFonts.ITALIC, 14f);
    private static final Font TITLE = new Font(DocumentFonts.BOLD, 14f);
    private static final Font BODY = new Font(DocumentFonts.REGULAR, BODY_SIZE);
    private static final Font BODY_BOLD = new Font(DocumentFonts.BOLD, BODY_SIZE);
    private static final Font BODY_BOLD_ITALIC = new Font(DocumentFonts.BOLD_ITALIC, BODY_SIZE);
    private static final Font TABLE = new Font(DocumentFonts.REGULAR, 12f);
    private static final Font TABLE_BOLD = new Font(DocumentFonts.BOLD, 12f);
    private static final Font RECIPIENTS_LABEL = new Font(DocumentFonts.BOLD_ITALIC, 12f);
    private static final Font RECIPIENTS = new Font(DocumentFonts.REGULAR, 11f);
    private static final Font SIGNER = new Font(DocumentFonts.BOLD, 14f);
    private static final Font PAGE_NUMBER = new Font(DocumentFonts.REGULAR, 13f);

    public byte[] render(AdministrativeDocument doc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        render(doc, out);
        return out.toByteArray();
    }

    public void render(AdministrativeDocument doc, OutputStream out) {
        Document pdf = new Document(PageSize.A4, 30 * MM, 15 * MM, 20 * MM, 20 * MM);
        try {
            PdfWriter writer = PdfWriter.getInstance(pdf, out);
            writer.setPageEvent(new PageNumbers());
            pdf.addTitle(Texts.nfc(doc.kind() + (doc.subtitle() == null ? "" : " " + doc.subtitle())));
            pdf.addAuthor(Texts.nfc(doc.issuer()));
            pdf.open();
            pdf.add(header(doc));
            title(pdf, doc);
            for (Section section : doc.sections()) {
                addSection(pdf, section);
            }
            pdf.add(closing(doc));
            pdf.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot lay the document out: " + e.getMessage(), e);
        } catch (com.lowagie.text.ExceptionConverter e) {
            if (e.getException() instanceof java.io.IOException io) {
                throw new UncheckedIOException(io);
            }
            throw e;
        }
    }

    private static PdfPTable header(AdministrativeDocument doc) {
        PdfPTable table = new PdfPTable(new float[] {42, 58});
        table.setWidthPercentage(100);

        PdfPCell issuer = cell();
        if (doc.parentBody() != null && !doc.parentBody().isBlank()) {
            issuer.addElement(centered(Texts.upper(doc.parentBody()), HEADER));
        }
        String issuerName = Texts.upper(doc.issuer());
        issuer.addElement(centered(issuerName, HEADER_BOLD));
        // Decree 30: a line under the issuer, a third to a half of the name's length.
        issuer.addElement(rule(width(issuerName, HEADER_BOLD) / 2));
        table.addCell(issuer);

        PdfPCell motto = cell();
        motto.addElement(centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", HEADER_BOLD));
        String slogan = "Độc lập - Tự do - Hạnh phúc";
        motto.addElement(centered(slogan, MOTTO));
        // The line under the motto is as long as the motto itself.
        motto.addElement(rule(width(slogan, MOTTO)));
        table.addCell(motto);

        PdfPCell number = cell();
        number.setPaddingTop(6);
        number.addElement(centered(doc.numberLine(), NUMBER));
        table.addCell(number);

        PdfPCell date = cell();
        date.setPaddingTop(6);
        date.addElement(centered(Texts.nfc(doc.placeAndDateLine()), DATE));
        table.addCell(date);
        return table;
    }

    private static void title(Document pdf, AdministrativeDocument doc) throws DocumentException {
        Paragraph kind = centered(Texts.upper(doc.kind()), TITLE);
        kind.setSpacingBefore(18);
        pdf.add(kind);
        if (doc.subtitle() != null && !doc.subtitle().isBlank()) {
            pdf.add(centered(Texts.nfc(doc.subtitle()), TITLE));
        }
        // Decree 30: a short line under the summary of the document.
        PdfPTable rule = rule(40 * MM);
        rule.setSpacingAfter(8);
        pdf.add(rule);
    }

    private static void addSection(Document pdf, Section section) throws DocumentException {
        if (section.heading() != null && !section.heading().isBlank()) {
            Paragraph heading = body(Texts.nfc(section.heading()), BODY_BOLD);
            heading.setAlignment(Element.ALIGN_LEFT);
            pdf.add(heading);
        }
        for (Block block : section.blocks()) {
            // Java 17: no pattern matching for switch yet.
            if (block instanceof Block.Heading h) {
                Paragraph p = body(Texts.nfc(h.text()), h.level() == 1 ? BODY_BOLD : BODY_BOLD_ITALIC);
                p.setAlignment(Element.ALIGN_LEFT);
                pdf.add(p);
            } else if (block instanceof Block.Paragraph p) {
                pdf.add(body(Texts.nfc(p.text()), BODY));
            } else if (block instanceof Block.Item i) {
                pdf.add(body("- " + Texts.nfc(i.text()), BODY));
            } else if (block instanceof Block.Table t) {
                pdf.add(table(t));
            }
        }
    }

    private static PdfPTable table(Block.Table t) {
        PdfPTable table = new PdfPTable(t.columns().size());
        if (!t.widths().isEmpty()) {
            float[] widths = new float[t.widths().size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = t.widths().get(i);
            }
            table = new PdfPTable(widths);
        }
        table.setWidthPercentage(100);
        table.setSpacingBefore(6);
        table.setSpacingAfter(6);
        table.setHeaderRows(1);
        for (String column : t.columns()) {
            PdfPCell c = new PdfPCell(new Phrase(Texts.nfc(column), TABLE_BOLD));
            c.setHorizontalAlignment(Element.ALIGN_CENTER);
            c.setVerticalAlignment(Element.ALIGN_MIDDLE);
            c.setPadding(4);
            table.addCell(c);
        }
        for (var row : t.rows()) {
            for (String value : row) {
                PdfPCell c = new PdfPCell(new Phrase(Texts.nfc(value), TABLE));
                c.setPadding(4);
                c.setHorizontalAlignment(looksNumeric(value) ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
                table.addCell(c);
            }
        }
        return table;
    }

    private static boolean looksNumeric(String value) {
        return value != null && !value.isBlank() && value.matches("[-+]?[0-9.,%\\s]+");
    }

    private static PdfPTable closing(AdministrativeDocument doc) {
        PdfPTable table = new PdfPTable(new float[] {50, 50});
        table.setWidthPercentage(100);
        table.setSpacingBefore(12);
        table.setKeepTogether(true);

        PdfPCell recipients = cell();
        if (!doc.recipients().isEmpty()) {
            Paragraph label = new Paragraph("Nơi nhận:", RECIPIENTS_LABEL);
            recipients.addElement(label);
            for (String r : doc.recipients()) {
                Paragraph p = new Paragraph("- " + Texts.nfc(r), RECIPIENTS);
                p.setLeading(13);
                recipients.addElement(p);
            }
        }
        table.addCell(recipients);

        PdfPCell signer = cell();
        Signer s = doc.signer();
        if (s != null) {
            if (s.authority() != null && !s.authority().isBlank()) {
                signer.addElement(centered(Texts.upper(s.authority()), SIGNER));
            }
            if (s.signsFor() != null && !s.signsFor().isBlank()) {
                signer.addElement(centered(Texts.upper(s.signsFor()), SIGNER));
            }
            if (s.position() != null && !s.position().isBlank()) {
                signer.addElement(centered(Texts.upper(s.position()), SIGNER));
            }
            // Room for the signature and the seal.
            Paragraph space = new Paragraph(" ", BODY);
            space.setSpacingBefore(60);
            signer.addElement(space);
            if (s.name() != null && !s.name().isBlank()) {
                signer.addElement(centered(Texts.nfc(s.name()), SIGNER));
            }
        }
        table.addCell(signer);
        return table;
    }

    private static Paragraph body(String text, Font font) {
        Paragraph p = new Paragraph(text, font);
        p.setAlignment(Element.ALIGN_JUSTIFIED);
        p.setFirstLineIndent(FIRST_LINE_INDENT);
        p.setLeading(BODY_SIZE * 1.2f);
        p.setSpacingBefore(3);
        p.setSpacingAfter(3);
        return p;
    }

    private static Paragraph centered(String text, Font font) {
        Paragraph p = new Paragraph(text, font);
        p.setAlignment(Element.ALIGN_CENTER);
        p.setLeading(font.getSize() * 1.15f);
        return p;
    }

    /** A centered horizontal line of the given width: a one-cell table with only a bottom border. */
    private static PdfPTable rule(float width) {
        PdfPTable table = new PdfPTable(1);
        table.setTotalWidth(width);
        table.setLockedWidth(true);
        table.setHorizontalAlignment(Element.ALIGN_CENTER);
        // Below the descenders of the line above, not through them.
        table.setSpacingBefore(4);
        PdfPCell cell = new PdfPCell();
        cell.setBorder(Rectangle.BOTTOM);
        cell.setBorderWidthBottom(0.6f);
        cell.setFixedHeight(2);
        cell.setPadding(0);
        table.addCell(cell);
        return table;
    }

    private static float width(String text, Font font) {
        return font.getBaseFont().getWidthPoint(text, font.getSize());
    }

    private static PdfPCell cell() {
        PdfPCell c = new PdfPCell();
        c.setBorder(Rectangle.NO_BORDER);
        c.setPadding(0);
        c.setUseAscender(true);
        return c;
    }

    /** Decree 30: page numbers from the second page on, centered in the top margin. */
    private static final class PageNumbers extends PdfPageEventHelper {
        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            int page = writer.getPageNumber();
            if (page < 2) {
                return;
            }
            float x = (document.left() + document.right()) / 2;
            float y = document.top() + 10 * MM / 2;
            ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_CENTER,
                    new Phrase(String.valueOf(page), PAGE_NUMBER), x, y, 0);
        }
    }
}
