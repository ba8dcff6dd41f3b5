package vn.loa.activity.evidence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FileTypesTests {

    @TempDir
    Path dir;

    private FileTypes.Detection detect(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return FileTypes.detect(file);
    }

    @Test
    void photosAndDocumentsAreRecognisedFromTheirBytes() throws IOException {
        assertThat(detect("a", Samples.jpeg(40, 30)).type()).contains(EvidenceType.JPEG);
        assertThat(detect("b", Samples.png(40, 30)).type()).contains(EvidenceType.PNG);
        assertThat(detect("c", Samples.pdf("bien ban", 0, 1)).type()).contains(EvidenceType.PDF);
        assertThat(detect("d", Samples.docx("Biên bản")).type()).contains(EvidenceType.DOCX);
        assertThat(detect("e", Samples.xlsx()).type()).contains(EvidenceType.XLSX);
        assertThat(detect("f", Samples.heic(4032, 3024)).type()).contains(EvidenceType.HEIC);
        assertThat(detect("g", Samples.webp(800, 600)).type()).contains(EvidenceType.WEBP);
    }

    @Test
    void theNameSaysNothing() throws IOException {
        FileTypes.Detection text = detect("anh-hop-dan.jpg", "Đây không phải ảnh".getBytes(StandardCharsets.UTF_8));
        assertThat(text.type()).isEmpty();
        assertThat(text.detected()).isEqualTo("text/plain");
        assertThat(detect("bao-cao.pdf", Samples.png(4, 4)).type()).contains(EvidenceType.PNG);
    }

    @Test
    void aWordDocumentIsFoundWhereverItsContentTypesAre() throws IOException {
        assertThat(detect("x", Samples.docxContentTypesLast()).type()).contains(EvidenceType.DOCX);
    }

    @Test
    void macroEnabledDocumentsAndOtherZipsAreNotDocuments() throws IOException {
        assertThat(detect("m.docx", Samples.docm()).type()).isEmpty();
        FileTypes.Detection zip = detect("z.docx", Samples.zip("ghi-chu.txt", "xin chào"));
        assertThat(zip.type()).isEmpty();
        assertThat(zip.detected()).isEqualTo("application/zip");
    }

    @Test
    void anExternalEntityInContentTypesIsNotFollowed() throws IOException {
        String evil = "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Types><Override PartName=\"/word/document.xml\" ContentType=\"&x;\"/></Types>";
        Path file = dir.resolve("xxe.docx");
        Files.write(file, Samples.zip("[Content_Types].xml", evil));
        assertThat(FileTypes.ooxml(file)).isEqualTo(Optional.empty());
    }
}
