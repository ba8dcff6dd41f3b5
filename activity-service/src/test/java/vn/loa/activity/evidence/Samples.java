package vn.loa.activity.evidence;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Real small files of every kind evidence takes (and some it refuses), made here rather than checked in. */
final class Samples {

    private Samples() {
    }

    /** A photo: left half red, right half blue (so that turning it shows). */
    static byte[] jpeg(int width, int height) {
        return image("jpg", width, height, BufferedImage.TYPE_INT_RGB);
    }

    static byte[] png(int width, int height) {
        return image("png", width, height, BufferedImage.TYPE_INT_ARGB);
    }

    private static byte[] image(String format, int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The JPEG with an EXIF segment saying "turn 90° clockwise to show" (orientation 6, as phones held upright). */
    static byte[] jpegWithOrientation(int width, int height, int orientation, boolean bigEndian) {
        byte[] jpeg = jpeg(width, height);
        ByteBuffer tiff = ByteBuffer.allocate(26).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        tiff.put(bigEndian ? (byte) 'M' : (byte) 'I').put(bigEndian ? (byte) 'M' : (byte) 'I');
        tiff.putShort((short) 42).putInt(8);            // header, IFD0 at 8
        tiff.putShort((short) 1);                       // one entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);                                 // no next IFD
        byte[] exif = new byte[6 + tiff.capacity()];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, exif, 0, 6);
        System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
        int length = exif.length + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        out.write(0xff);
        out.write(0xe1);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.write(exif, 0, exif.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A valid one-page PDF, padded with a comment of {@code padding} random bytes so that each one is different. */
    static byte[] pdf(String text, int padding, long seed) {
        String content = "BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET";
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        int[] offsets = new int[6];
        String[] objects = {
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = pdf.length();
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 6\n0000000000 65535 f \n");
        for (int i = 0; i < 5; i++) {
            pdf.append(String.format("%010d 00000 n \n", offsets[i]));
        }
        pdf.append("trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        byte[] head = pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (padding <= 0) {
            return head;
        }
        byte[] out = new byte[head.length + padding + 2];
        System.arraycopy(head, 0, out, 0, head.length);
        out[head.length] = '%';
        Random random = new Random(seed);
        for (int i = head.length + 1; i < out.length - 1; i++) {
            out[i] = (byte) ('a' + random.nextInt(26));
        }
        out[out.length - 1] = '\n';
        return out;
    }

    static byte[] docx(String text) {
        return ooxml("word/document.xml", FileTypes.DOCX_MAIN, "<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
                + "wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>" + text + "</w:t></w:r></w:p></w:body></w:document>", false);
    }

    static byte[] xlsx() {
        return ooxml("xl/workbook.xml", FileTypes.XLSX_MAIN, "<workbook xmlns=\"http://schemas.openxmlformats.org/"
                + "spreadsheetml/2006/main\"><sheets/></workbook>", false);
    }

    /** A Word document with macros (.docm): its main part has another content type. */
    static byte[] docm() {
        return ooxml("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml", "<document/>", false);
    }

    /** A DOCX whose first entry is not [Content_Types].xml (so magic numbers alone see only a ZIP). */
    static byte[] docxContentTypesLast() {
        return ooxml("word/document.xml", FileTypes.DOCX_MAIN, "<document/>", true);
    }

    private static byte[] ooxml(String mainPart, String mainType, String mainXml, boolean contentTypesLast) {
        String types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/" + mainPart + "\" ContentType=\"" + mainType + "\"/></Types>";
        String rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
                + "package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
                + "officeDocument/2006/relationships/officeDocument\" Target=\"" + mainPart + "\"/></Relationships>";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            if (!contentTypesLast) {
                entry(zip, "[Content_Types].xml", types);
            }
            entry(zip, "_rels/.rels", rels);
            entry(zip, mainPart, mainXml);
            if (contentTypesLast) {
                entry(zip, "[Content_Types].xml", types);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] zip(String name, String content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            entry(zip, name, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** The start of an iPhone photo: an ISO BMFF "ftyp" box of brand heic, a meta box with an ispe of the size. */
    static byte[] heic(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.BIG_ENDIAN);
        b.putInt(24).put("ftypheic".getBytes(StandardCharsets.US_ASCII)).putInt(0)
                .put("mif1heic".getBytes(StandardCharsets.US_ASCII));
        b.putInt(20).put("ispe".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(512).putInt(512); // a tile
        b.putInt(20).put("ispe".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(width).putInt(height);
        return b.array();
    }

    /** A lossless WebP header (VP8L) of the given size. */
    static byte[] webp(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(32).put("WEBP".getBytes(StandardCharsets.US_ASCII));
        b.put("VP8L".getBytes(StandardCharsets.US_ASCII)).putInt(20).put((byte) 0x2f);
        b.putInt((width - 1) | ((height - 1) << 14));
        return b.array();
    }

    /**
     * The header of a PNG that claims {@code width}×{@code height} pixels (a decompression bomb says a lot in a few
     * bytes): signature and a valid IHDR, then an empty IEND.
     */
    static byte[] pngHeader(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(8 + 25 + 12).order(ByteOrder.BIG_ENDIAN);
        b.put(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(17).order(ByteOrder.BIG_ENDIAN);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        b.putInt(13).put(ihdr.array()).putInt(crc(ihdr.array()));
        byte[] iend = "IEND".getBytes(StandardCharsets.US_ASCII);
        b.putInt(0).put(iend).putInt(crc(iend));
        return b.array();
    }

    private static int crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
