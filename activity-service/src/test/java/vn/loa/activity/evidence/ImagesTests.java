package vn.loa.activity.evidence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ImagesTests {

    @TempDir
    Path dir;

    private Path write(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "img", ".bin"), bytes);
    }

    @Test
    void sizesComeFromTheHeadersOfEveryPhotoType() throws IOException {
        assertThat(Images.size(write(Samples.jpeg(1600, 1200)), EvidenceType.JPEG)).contains(new Images.Size(1600, 1200));
        assertThat(Images.size(write(Samples.png(64, 48)), EvidenceType.PNG)).contains(new Images.Size(64, 48));
        assertThat(Images.size(write(Samples.webp(4000, 3000)), EvidenceType.WEBP)).contains(new Images.Size(4000, 3000));
        assertThat(Images.size(write(Samples.heic(4032, 3024)), EvidenceType.HEIC)).contains(new Images.Size(4032, 3024));
    }

    @Test
    void aDecompressionBombIsMeasuredWithoutDecodingIt() throws IOException {
        // 100,000 × 100,000 pixels in 45 bytes: decoding would need 40 GB.
        Path bomb = write(Samples.pngHeader(100_000, 100_000));
        assertThat(Images.size(bomb, EvidenceType.PNG)).contains(new Images.Size(100_000, 100_000));
    }

    @Test
    void aThumbnailIs320PixelsOnItsLongerSide() throws IOException {
        Path photo = write(Samples.jpeg(1600, 1200));
        Images.Thumbnail thumbnail = Images.thumbnail(photo, new Images.Size(1600, 1200), 1, 320).orElseThrow();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumbnail.jpeg()));
        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(240);
        assertThat(thumbnail.width()).isEqualTo(320);
    }

    @Test
    void aSmallImageIsNotEnlarged() throws IOException {
        Images.Thumbnail thumbnail = Images.thumbnail(write(Samples.png(64, 48)), new Images.Size(64, 48), 1, 320).orElseThrow();
        assertThat(thumbnail.width()).isEqualTo(64);
        assertThat(thumbnail.height()).isEqualTo(48);
    }

    @Test
    void theExifOrientationTurnsTheThumbnailUpright() throws IOException {
        for (boolean bigEndian : new boolean[]{true, false}) {
            byte[] jpeg = Samples.jpegWithOrientation(400, 200, 6, bigEndian);
            Path photo = write(jpeg);
            assertThat(Images.orientation(photo, EvidenceType.JPEG)).isEqualTo(6);
            Images.Thumbnail thumbnail = Images.thumbnail(photo, new Images.Size(400, 200), 6, 320).orElseThrow();
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumbnail.jpeg()));
            // Stored 400 × 200, red left and blue right; turned clockwise it stands 160 × 320, red on top.
            assertThat(image.getWidth()).isEqualTo(160);
            assertThat(image.getHeight()).isEqualTo(320);
            assertThat(reddish(image.getRGB(80, 40))).isTrue();
            assertThat(reddish(image.getRGB(80, 280))).isFalse();
        }
    }

    @Test
    void everyOrientationMapsTheCornersAsExifSays() {
        BufferedImage src = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        src.setRGB(0, 0, Color.RED.getRGB()); // top left marked
        assertThat(Images.orient(src, 2).getRGB(2, 0)).isEqualTo(Color.RED.getRGB());
        assertThat(Images.orient(src, 3).getRGB(2, 1)).isEqualTo(Color.RED.getRGB());
        assertThat(Images.orient(src, 4).getRGB(0, 1)).isEqualTo(Color.RED.getRGB());
        assertThat(Images.orient(src, 5).getRGB(0, 0)).isEqualTo(Color.RED.getRGB());
        assertThat(Images.orient(src, 6).getRGB(1, 0)).isEqualTo(Color.RED.getRGB());
        assertThat(Images.orient(src, 7).getRGB(1, 2)).isEqualTo(Color.RED.getRGB());
        assertThat(Images.orient(src, 8).getRGB(0, 2)).isEqualTo(Color.RED.getRGB());
    }

    @Test
    void heicAndWebpGetNoThumbnailFromTheJdk() throws IOException {
        assertThat(Images.thumbnail(write(Samples.heic(4032, 3024)), new Images.Size(4032, 3024), 1, 320)).isEmpty();
        assertThat(Images.thumbnail(write(Samples.webp(800, 600)), new Images.Size(800, 600), 1, 320)).isEmpty();
    }

    private static boolean reddish(int rgb) {
        Color c = new Color(rgb);
        return c.getRed() > 180 && c.getBlue() < 80;
    }
}
