package vn.loa.activity.evidence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;

/**
 * What evidence does with photos: their size in pixels read from the header (nothing is decoded before the
 * decompression-bomb check), and a small JPEG thumbnail decoded with subsampling, so that a 48 MP photo never
 * occupies 190 MB of heap, turned upright by its EXIF orientation.
 * <p>
 * The JDK decodes JPEG and PNG. WebP and HEIC/HEIF get their size from their headers but no thumbnail: the JDK has
 * no decoder for them (an ImageIO plug-in on the classpath, e.g. TwelveMonkeys' WebP reader, would be used as is).
 */
final class Images {

    private static final Logger log = LoggerFactory.getLogger(Images.class);

    /** Enough of the file for the headers that carry sizes and the EXIF orientation. */
    private static final int HEADER_BYTES = 256 * 1024;

    private Images() {
    }

    record Size(int width, int height) {
        long pixels() {
            return (long) width * height;
        }

        Size turned(int orientation) {
            return orientation >= 5 ? new Size(height, width) : this;
        }
    }

    record Thumbnail(byte[] jpeg, int width, int height) {
    }

    /** The image's size as stored (before the EXIF orientation), or empty when its header cannot be read. */
    static Optional<Size> size(Path file, EvidenceType type) throws IOException {
        return switch (type) {
            case JPEG, PNG -> imageIoSize(file);
            case WEBP -> webpSize(head(file));
            case HEIC, HEIF -> heifSize(head(file));
            default -> Optional.empty();
        };
    }

    private static Optional<Size> imageIoSize(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return Optional.of(new Size(reader.getWidth(0), reader.getHeight(0)));
            } catch (IOException | RuntimeException unreadable) {
                return Optional.empty();
            } finally {
                reader.dispose();
            }
        }
    }

    /** RIFF/WEBP: the canvas of VP8X, or the frame of VP8L (lossless) or VP8 (lossy). */
    static Optional<Size> webpSize(byte[] b) {
        if (b.length < 30 || !ascii(b, 0, "RIFF") || !ascii(b, 8, "WEBP")) {
            return Optional.empty();
        }
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (ascii(b, 12, "VP8X")) {
            int w = 1 + (le.getInt(24) & 0xffffff);
            int h = 1 + ((le.getInt(26) >>> 8) & 0xffffff);
            return Optional.of(new Size(w, h));
        }
        if (ascii(b, 12, "VP8L") && (b[20] & 0xff) == 0x2f) {
            int bits = le.getInt(21);
            return Optional.of(new Size(1 + (bits & 0x3fff), 1 + ((bits >>> 14) & 0x3fff)));
        }
        if (ascii(b, 12, "VP8 ")) {
            return Optional.of(new Size(le.getShort(26) & 0x3fff, le.getShort(28) & 0x3fff));
        }
        return Optional.empty();
    }

    /**
     * HEIC/HEIF: the largest {@code ispe} (image spatial extent) property in the header. A photo is a grid of
     * 512×512 tiles, each with its own {@code ispe}; the grid item's is the whole picture's, and the largest.
     */
    static Optional<Size> heifSize(byte[] b) {
        Size largest = null;
        ByteBuffer be = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
        for (int i = 4; i + 16 <= b.length; i++) {
            if (b[i] == 'i' && b[i + 1] == 's' && b[i + 2] == 'p' && b[i + 3] == 'e') {
                int boxSize = be.getInt(i - 4);
                if (boxSize != 20) {
                    continue;
                }
                long w = be.getInt(i + 8) & 0xffffffffL;
                long h = be.getInt(i + 12) & 0xffffffffL;
                if (w > 0 && h > 0 && w <= Integer.MAX_VALUE && h <= Integer.MAX_VALUE
                        && (largest == null || w * h > largest.pixels())) {
                    largest = new Size((int) w, (int) h);
                }
            }
        }
        return Optional.ofNullable(largest);
    }

    /**
     * The EXIF orientation of a JPEG (1 to 8), 1 when it has none: the APP1 "Exif" segment's IFD0 tag 0x0112.
     * Phones store photos as the sensor saw them and say in this tag how to turn them.
     */
    static int orientation(Path file, EvidenceType type) throws IOException {
        return type == EvidenceType.JPEG ? jpegOrientation(head(file)) : 1;
    }

    static int jpegOrientation(byte[] b) {
        if (b.length < 4 || (b[0] & 0xff) != 0xff || (b[1] & 0xff) != 0xd8) {
            return 1;
        }
        int i = 2;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xff) != 0xff) {
                return 1;
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xd9 || marker == 0xda) { // end of image, start of scan: no EXIF before the picture
                return 1;
            }
            int length = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
            int start = i + 4;
            if (marker == 0xe1 && length >= 8 && start + 6 <= b.length && ascii(b, start, "Exif")
                    && b[start + 4] == 0 && b[start + 5] == 0) {
                return tiffOrientation(b, start + 6, Math.min(b.length, i + 2 + length));
            }
            i += 2 + length;
        }
        return 1;
    }

    private static int tiffOrientation(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) {
            return 1;
        }
        ByteOrder order;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            return 1;
        }
        ByteBuffer buf = ByteBuffer.wrap(b, 0, end).order(order);
        long ifd = buf.getInt(tiff + 4) & 0xffffffffL;
        int entries = tiff + (int) Math.min(ifd, Integer.MAX_VALUE - tiff);
        if (ifd < 8 || entries + 2 > end) {
            return 1;
        }
        int count = buf.getShort(entries) & 0xffff;
        for (int n = 0; n < count; n++) {
            int entry = entries + 2 + 12 * n;
            if (entry + 12 > end) {
                return 1;
            }
            if ((buf.getShort(entry) & 0xffff) == 0x0112) {
                int value = buf.getShort(entry + 8) & 0xffff;
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    /**
     * A JPEG of at most {@code maxSide} pixels on its longer side, upright; empty when the JDK cannot decode the
     * image (WebP, HEIC, a CMYK JPEG, a broken file): the upload is kept, without a thumbnail.
     */
    static Optional<Thumbnail> thumbnail(Path file, Size size, int orientation, int maxSide) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            BufferedImage decoded;
            try {
                reader.setInput(in, true, true);
                ImageReadParam param = reader.getDefaultReadParam();
                // Decode every n-th pixel only: at least twice the thumbnail's size remains for a smooth scale.
                int step = Math.max(1, Math.max(size.width(), size.height()) / (2 * maxSide));
                param.setSourceSubsampling(step, step, 0, 0);
                decoded = reader.read(0, param);
            } finally {
                reader.dispose();
            }
            BufferedImage scaled = scale(decoded, maxSide);
            BufferedImage upright = orient(scaled, orientation);
            return Optional.of(new Thumbnail(jpeg(upright), upright.getWidth(), upright.getHeight()));
        } catch (IOException | RuntimeException e) {
            log.info("No thumbnail for an image of {}×{}: {}", size.width(), size.height(), e.toString());
            return Optional.empty();
        }
    }

    /** Scaled to fit {@code maxSide}, on white (a transparent PNG must not turn black in a JPEG). */
    static BufferedImage scale(BufferedImage source, int maxSide) {
        double factor = Math.min(1.0, (double) maxSide / Math.max(source.getWidth(), source.getHeight()));
        int w = Math.max(1, (int) Math.round(source.getWidth() * factor));
        int h = Math.max(1, (int) Math.round(source.getHeight() * factor));
        BufferedImage current = source;
        int cw = source.getWidth();
        int ch = source.getHeight();
        // Halve step by step: one bilinear step from far above the target would drop most pixels.
        do {
            cw = Math.max(w, cw / 2);
            ch = Math.max(h, ch / 2);
            BufferedImage next = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = next.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, cw, ch);
                g.drawImage(current, 0, 0, cw, ch, null);
            } finally {
                g.dispose();
            }
            current = next;
        } while (cw != w || ch != h);
        return current;
    }

    /** Turns the picture as EXIF orientation 1–8 says (2, 4, 5, 7 mirror it too). */
    static BufferedImage orient(BufferedImage src, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = orientation >= 5;
        BufferedImage dst = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = src.getRGB(x, y);
                switch (orientation) {
                    case 2 -> dst.setRGB(w - 1 - x, y, rgb);
                    case 3 -> dst.setRGB(w - 1 - x, h - 1 - y, rgb);
                    case 4 -> dst.setRGB(x, h - 1 - y, rgb);
                    case 5 -> dst.setRGB(y, x, rgb);
                    case 6 -> dst.setRGB(h - 1 - y, x, rgb);
                    case 7 -> dst.setRGB(h - 1 - y, w - 1 - x, rgb);
                    default -> dst.setRGB(y, w - 1 - x, rgb); // 8
                }
            }
        }
        return dst;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.8f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEADER_BYTES);
        }
    }

    private static boolean ascii(byte[] b, int at, String s) {
        if (at + s.length() > b.length) {
            return false;
        }
        byte[] expected = s.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < expected.length; i++) {
            if (b[at + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
