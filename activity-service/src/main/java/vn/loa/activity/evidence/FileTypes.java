package vn.loa.activity.evidence;

import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.parser.ParseContext;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Recognises a file's type from its bytes: Apache Tika's magic numbers (tika-core, no parsers), then for a ZIP
 * container the OOXML check that tells a Word document from a spreadsheet, a macro-enabled file or any other ZIP,
 * by the main part's content type in {@code [Content_Types].xml}. Names and declared types are never consulted.
 */
final class FileTypes {

    static final String DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    static final String XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

    private static final MediaType ZIP = MediaType.application("zip");
    private static final MediaType OOXML = MediaType.application("x-tika-ooxml");
    /** A real document has a few dozen parts; more is not a document we want to open. */
    private static final int MAX_ZIP_ENTRIES = 10_000;
    private static final int MAX_CONTENT_TYPES_BYTES = 1 << 20;

    private FileTypes() {
    }

    /** What the bytes are: an allowed type, or the detected media type that is not allowed. */
    record Detection(Optional<EvidenceType> type, String detected) {
    }

    static Detection detect(Path file) throws IOException {
        MediaType sniffed;
        try (InputStream in = Files.newInputStream(file); TikaInputStream tis = TikaInputStream.get(in)) {
            // No resource name in the metadata: the name must not influence the answer.
            sniffed = MimeTypes.getDefaultMimeTypes().detect(tis, new Metadata(), new ParseContext());
        }
        MediaType base = sniffed.getBaseType();
        if (base.equals(ZIP) || base.equals(OOXML)) {
            return ooxml(file).map(t -> new Detection(Optional.of(t), t.mediaType()))
                    .orElseGet(() -> new Detection(Optional.empty(), base.toString()));
        }
        String detected = base.toString();
        return new Detection(EvidenceType.ofMediaType(detected), detected);
    }

    /** DOCX or XLSX by the main part's content type; macro-enabled files, templates and other ZIPs are neither. */
    static Optional<EvidenceType> ooxml(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > MAX_ZIP_ENTRIES || zip.getEntry("word/vbaProject.bin") != null
                    || zip.getEntry("xl/vbaProject.bin") != null) {
                return Optional.empty();
            }
            ZipEntry types = zip.getEntry("[Content_Types].xml");
            if (types == null) {
                return Optional.empty();
            }
            byte[] xml;
            try (InputStream in = zip.getInputStream(types)) {
                xml = in.readNBytes(MAX_CONTENT_TYPES_BYTES + 1);
            }
            if (xml.length > MAX_CONTENT_TYPES_BYTES) {
                return Optional.empty();
            }
            Set<String> mainTypes = overrides(xml);
            boolean word = mainTypes.contains(DOCX_MAIN);
            boolean sheet = mainTypes.contains(XLSX_MAIN);
            if (word == sheet) {
                return Optional.empty();
            }
            return Optional.of(word ? EvidenceType.DOCX : EvidenceType.XLSX);
        } catch (ZipException notAZip) {
            return Optional.empty();
        }
    }

    /** The content types of the {@code Override} elements (the main document part is one of them). */
    private static Set<String> overrides(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // An uploaded file's XML: no DTDs, no external entities, no entity expansion.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(true);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // quiet: a broken file is simply not OOXML
            NodeList nodes = builder.parse(new ByteArrayInputStream(xml)).getElementsByTagNameNS("*", "Override");
            Set<String> types = new HashSet<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                types.add(((Element) nodes.item(i)).getAttribute("ContentType").trim());
            }
            return types;
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return Set.of();
        }
    }
}
