package vn.loa.activity.evidence;

import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

import static org.assertj.core.api.Assertions.assertThat;

class FileNamesTests {

    @Test
    void vietnameseNamesAreKeptInNfc() {
        String nfd = Normalizer.normalize("Biên bản họp dân thôn Trung Hòa.pdf", Normalizer.Form.NFD);
        String safe = FileNames.sanitise(nfd, EvidenceType.PDF);
        assertThat(safe).isEqualTo("Biên bản họp dân thôn Trung Hòa.pdf");
        assertThat(Normalizer.isNormalized(safe, Normalizer.Form.NFC)).isTrue();
    }

    @Test
    void pathsControlAndDirectionCharactersAreRemoved() {
        assertThat(FileNames.sanitise("C:\\Users\\lienminh\\Ảnh\\IMG_0001.JPG", EvidenceType.JPEG)).isEqualTo("IMG_0001.jpg");
        assertThat(FileNames.sanitise("../../etc/passwd", EvidenceType.PDF)).isEqualTo("passwd.pdf");
        // U+202E would show "ảnh\u202Egpj.exe" as "ảnhexe.jpg"
        assertThat(FileNames.sanitise("ảnh\u202Egpj.exe", EvidenceType.JPEG)).isEqualTo("ảnhgpj.exe.jpg");
        assertThat(FileNames.sanitise("a\u0000b\nc<>:\"|?*.pdf", EvidenceType.PDF)).isEqualTo("abc_______.pdf");
        assertThat(FileNames.sanitise("CON.pdf", EvidenceType.PDF)).isEqualTo("_CON.pdf");
        assertThat(FileNames.sanitise(" ..  ", EvidenceType.PDF)).isEqualTo("minh-chung.pdf");
        assertThat(FileNames.sanitise(null, EvidenceType.DOCX)).isEqualTo("minh-chung.docx");
    }

    @Test
    void theExtensionFollowsTheBytes() {
        assertThat(FileNames.sanitise("pano tuyên truyền.jpg", EvidenceType.PNG)).isEqualTo("pano tuyên truyền.png");
        assertThat(FileNames.sanitise("biên bản", EvidenceType.PDF)).isEqualTo("biên bản.pdf");
        assertThat(FileNames.sanitise("kế hoạch.v2", EvidenceType.DOCX)).isEqualTo("kế hoạch.v2.docx");
        assertThat(FileNames.sanitise("IMG_4032.HEIC", EvidenceType.HEIF)).isEqualTo("IMG_4032.heic");
    }

    @Test
    void longNamesAreCutKeepingTheExtension() {
        String name = FileNames.sanitise("ả".repeat(500) + ".pdf", EvidenceType.PDF);
        assertThat(name.codePointCount(0, name.length())).isEqualTo(FileNames.MAX_LENGTH);
        assertThat(name).endsWith("ả.pdf");
    }

    @Test
    void contentDispositionCarriesTheUtf8NameAndAnAsciiOne() {
        String header = FileNames.contentDisposition("attachment", "Biên bản họp \"Đức Thọ\".pdf");
        assertThat(header).startsWith("attachment; filename=\"Bien ban hop _Duc Tho_.pdf\"; filename*=UTF-8''");
        String encoded = header.substring(header.indexOf("UTF-8''") + 7);
        assertThat(encoded).doesNotContain(" ", "\"", "%20%20").contains("%C4%90"); // Đ
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo("Biên bản họp \"Đức Thọ\".pdf");
    }

    @Test
    void csvCellsThatExcelWouldRunAreMadeText() {
        assertThat(EvidenceArchive.text("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(EvidenceArchive.text("Chuyên mục")).isEqualTo("Chuyên mục");
    }
}
