package vn.loa.documents;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.UnderlinePatterns;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblWidth;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblLayoutType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblWidth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;

/**
 * The same Decree 30/2020/NĐ-CP layout as {@link PdfDocumentRenderer}, as a Word document a commune
 * can still edit before signing: A4, margins 20/20/30/15 mm, Times New Roman.
 */
public final class DocxDocumentRenderer {

    private static final int BODY_SIZE = 14;
    private static final int PAGE_WIDTH = 11906; // A4 in twips
    /** The text width in twips: the page less the left (30 mm) and right (15 mm) margins. */
    static final int TEXT_WIDTH = PAGE_WIDTH - twips(30) - twips(15);

    public byte[] render(AdministrativeDocument doc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        render(doc, out);
        return out.toByteArray();
    }

    public void render(AdministrativeDocument doc, OutputStream out) {
        try (XWPFDocument docx = new XWPFDocument()) {
            pageSetup(docx);
            docx.getProperties().getCoreProperties().setTitle(Texts.nfc(doc.kind() + (doc.subtitle() == null ? "" : " " + doc.subtitle())));
            docx.getProperties().getCoreProperties().setCreator(Texts.nfc(doc.issuer()));
            header(docx, doc);
            title(docx, doc);
            for (Section section : doc.sections()) {
                section(docx, section);
            }
            closing(docx, doc);
            docx.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pageSetup(XWPFDocument docx) {
        CTSectPr sect = docx.getDocument().getBody().addNewSectPr();
        CTPageSz size = sect.addNewPgSz();
        size.setW(BigInteger.valueOf(PAGE_WIDTH));
        size.setH(BigInteger.valueOf(16838));
        CTPageMar margins = sect.addNewPgMar();
        margins.setTop(BigInteger.valueOf(twips(20)));
        margins.setBottom(BigInteger.valueOf(twips(20)));
        margins.setLeft(BigInteger.valueOf(twips(30)));
        margins.setRight(BigInteger.valueOf(twips(15)));
    }

    private static void header(XWPFDocument docx, AdministrativeDocument doc) {
        XWPFTable table = borderless(docx.createTable(2, 2));
        columns(table, List.of(42f, 58f));
        XWPFTableCell issuer = table.getRow(0).getCell(0);
        XWPFParagraph first = issuer.getParagraphs().get(0);
        if (doc.parentBody() != null && !doc.parentBody().isBlank()) {
            run(centered(first), Texts.upper(doc.parentBody()), 13, false, false);
            first = issuer.addParagraph();
        }
        XWPFRun name = run(centered(first), Texts.upper(doc.issuer()), 13, true, false);
        name.setUnderline(UnderlinePatterns.SINGLE);

        XWPFTableCell motto = table.getRow(0).getCell(1);
        run(centered(motto.getParagraphs().get(0)), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, true, false);
        XWPFRun slogan = run(centered(motto.addParagraph()), "Độc lập - Tự do - Hạnh phúc", 14, true, false);
        slogan.setUnderline(UnderlinePatterns.SINGLE);

        run(centered(table.getRow(1).getCell(0).getParagraphs().get(0)), Texts.nfc(doc.numberLine()), 13, false, false);
        run(centered(table.getRow(1).getCell(1).getParagraphs().get(0)), Texts.nfc(doc.placeAndDateLine()), 14, false, true);
    }

    private static void title(XWPFDocument docx, AdministrativeDocument doc) {
        XWPFParagraph kind = centered(docx.createParagraph());
        kind.setSpacingBefore(360);
        run(kind, Texts.upper(doc.kind()), 14, true, false);
        if (doc.subtitle() != null && !doc.subtitle().isBlank()) {
            XWPFParagraph subtitle = centered(docx.createParagraph());
            run(subtitle, Texts.nfc(doc.subtitle()), 14, true, false);
            subtitle.setSpacingAfter(240);
        }
    }

    private static void section(XWPFDocument docx, Section section) {
        if (section.heading() != null && !section.heading().isBlank()) {
            XWPFParagraph p = body(docx);
            p.setAlignment(ParagraphAlignment.LEFT);
            p.setKeepNext(true);
            run(p, Texts.nfc(section.heading()), BODY_SIZE, true, false);
        }
        for (Block block : section.blocks()) {
            if (block instanceof Block.Heading h) {
                XWPFParagraph p = body(docx);
                p.setAlignment(ParagraphAlignment.LEFT);
                p.setKeepNext(true);
                run(p, Texts.nfc(h.text()), BODY_SIZE, true, h.level() == 2);
            } else if (block instanceof Block.Paragraph para) {
                run(body(docx), Texts.nfc(para.text()), BODY_SIZE, false, false);
            } else if (block instanceof Block.Item item) {
                run(body(docx), "- " + Texts.nfc(item.text()), BODY_SIZE, false, false);
            } else if (block instanceof Block.Table t) {
                table(docx, t);
            }
        }
    }

    private static void table(XWPFDocument docx, Block.Table t) {
        XWPFTable table = docx.createTable(t.rows().size() + 1, t.columns().size());
        columns(table, t.widths());
        for (int c = 0; c < t.columns().size(); c++) {
            XWPFParagraph p = centered(table.getRow(0).getCell(c).getParagraphs().get(0));
            run(p, Texts.nfc(t.columns().get(c)), 12, true, false);
        }
        table.getRow(0).setRepeatHeader(true);
        for (int r = 0; r < t.rows().size(); r++) {
            XWPFTableRow row = table.getRow(r + 1);
            for (int c = 0; c < t.columns().size(); c++) {
                run(row.getCell(c).getParagraphs().get(0), Texts.nfc(t.rows().get(r).get(c)), 12, false, false);
            }
        }
        // A table is followed by an empty paragraph so the next one does not stick to it.
        docx.createParagraph();
    }

    private static void closing(XWPFDocument docx, AdministrativeDocument doc) {
        XWPFTable table = borderless(docx.createTable(1, 2));
        columns(table, List.of(1f, 1f));
        XWPFTableCell recipients = table.getRow(0).getCell(0);
        if (!doc.recipients().isEmpty()) {
            run(recipients.getParagraphs().get(0), "Nơi nhận:", 12, true, true);
            for (String r : doc.recipients()) {
                XWPFParagraph p = recipients.addParagraph();
                p.setSpacingAfter(0);
                run(p, "- " + Texts.nfc(r), 11, false, false);
            }
        }
        XWPFTableCell signer = table.getRow(0).getCell(1);
        Signer s = doc.signer();
        if (s != null) {
            XWPFParagraph p = signer.getParagraphs().get(0);
            if (s.authority() != null && !s.authority().isBlank()) {
                run(centered(p), Texts.upper(s.authority()), 14, true, false);
                p = signer.addParagraph();
            }
            if (s.signsFor() != null && !s.signsFor().isBlank()) {
                run(centered(p), Texts.upper(s.signsFor()), 14, true, false);
                p = signer.addParagraph();
            }
            if (s.position() != null && !s.position().isBlank()) {
                run(centered(p), Texts.upper(s.position()), 14, true, false);
            }
            if (s.name() != null && !s.name().isBlank()) {
                XWPFParagraph name = centered(signer.addParagraph());
                name.setSpacingBefore(1440); // room for the signature and the seal
                run(name, Texts.nfc(s.name()), 14, true, false);
            }
        }
    }

    private static int twips(int mm) {
        return Math.round(mm * 1440 / 25.4f);
    }

    /**
     * Column widths that Word and LibreOffice both honour: the table's width and a fixed layout
     * ({@code tblW}, {@code tblLayout}), the grid ({@code gridCol}) and every cell's {@code tcW}, all in
     * twips over the text width. A percentage on the table alone is ignored by LibreOffice and
     * autofit by Word. {@code relative} widths, or equal columns when empty.
     */
    static int[] columns(XWPFTable table, List<Float> relative) {
        int n = table.getRow(0).getTableCells().size();
        int[] widths = twipWidths(relative, n);
        CTTblPr pr = table.getCTTbl().getTblPr() != null ? table.getCTTbl().getTblPr() : table.getCTTbl().addNewTblPr();
        CTTblWidth tblW = pr.isSetTblW() ? pr.getTblW() : pr.addNewTblW();
        tblW.setType(STTblWidth.DXA);
        tblW.setW(BigInteger.valueOf(TEXT_WIDTH));
        (pr.isSetTblLayout() ? pr.getTblLayout() : pr.addNewTblLayout()).setType(STTblLayoutType.FIXED);
        CTTblGrid grid = table.getCTTbl().getTblGrid() != null ? table.getCTTbl().getTblGrid() : table.getCTTbl().addNewTblGrid();
        while (grid.sizeOfGridColArray() > 0) {
            grid.removeGridCol(0);
        }
        for (int w : widths) {
            grid.addNewGridCol().setW(BigInteger.valueOf(w));
        }
        for (XWPFTableRow row : table.getRows()) {
            List<XWPFTableCell> cells = row.getTableCells();
            for (int c = 0; c < cells.size() && c < n; c++) {
                CTTcPr tcPr = cells.get(c).getCTTc().isSetTcPr() ? cells.get(c).getCTTc().getTcPr()
                        : cells.get(c).getCTTc().addNewTcPr();
                CTTblWidth tcW = tcPr.isSetTcW() ? tcPr.getTcW() : tcPr.addNewTcW();
                tcW.setType(STTblWidth.DXA);
                tcW.setW(BigInteger.valueOf(widths[c]));
            }
        }
        return widths;
    }

    /** Relative widths scaled to the text width in whole twips, adding up to it exactly. */
    static int[] twipWidths(List<Float> relative, int n) {
        int[] widths = new int[n];
        double total = 0;
        for (int c = 0; c < n; c++) {
            total += relative.isEmpty() ? 1 : relative.get(c);
        }
        int used = 0;
        for (int c = 0; c < n; c++) {
            double share = (relative.isEmpty() ? 1 : relative.get(c)) / total;
            widths[c] = c == n - 1 ? TEXT_WIDTH - used : (int) Math.round(TEXT_WIDTH * share);
            used += widths[c];
        }
        return widths;
    }

    private static XWPFTable borderless(XWPFTable table) {
        table.setTopBorder(XWPFTable.XWPFBorderType.NONE, 0, 0, "auto");
        table.setBottomBorder(XWPFTable.XWPFBorderType.NONE, 0, 0, "auto");
        table.setLeftBorder(XWPFTable.XWPFBorderType.NONE, 0, 0, "auto");
        table.setRightBorder(XWPFTable.XWPFBorderType.NONE, 0, 0, "auto");
        table.setInsideHBorder(XWPFTable.XWPFBorderType.NONE, 0, 0, "auto");
        table.setInsideVBorder(XWPFTable.XWPFBorderType.NONE, 0, 0, "auto");
        return table;
    }

    private static XWPFParagraph body(XWPFDocument docx) {
        XWPFParagraph p = docx.createParagraph();
        p.setAlignment(ParagraphAlignment.BOTH);
        p.setIndentationFirstLine(twips(10));
        p.setSpacingBefore(60);
        p.setSpacingAfter(60);
        return p;
    }

    private static XWPFParagraph centered(XWPFParagraph p) {
        p.setAlignment(ParagraphAlignment.CENTER);
        p.setSpacingAfter(0);
        return p;
    }

    private static XWPFRun run(XWPFParagraph p, String text, int size, boolean bold, boolean italic) {
        XWPFRun run = p.createRun();
        run.setText(text);
        run.setFontFamily(DocumentFonts.DOCX_FAMILY);
        run.setFontSize(size);
        run.setBold(bold);
        run.setItalic(italic);
        return run;
    }
}
