package vn.loa.activity.evidence;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The file types evidence may have: phone photos (JPEG, PNG, WebP, HEIC/HEIF as iPhones save them), PDF scans and
 * Word/Excel documents. Recognised from the bytes ({@link FileTypes}), never from the name or the declared type.
 */
public enum EvidenceType {

    JPEG("image/jpeg", true, "jpg", "jpeg", "jpe", "jfif"),
    PNG("image/png", true, "png"),
    WEBP("image/webp", true, "webp"),
    HEIC("image/heic", true, "heic"),
    HEIF("image/heif", true, "heif", "heic"),
    PDF("application/pdf", false, "pdf"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", false, "docx"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false, "xlsx");

    private final String mediaType;
    private final boolean image;
    private final List<String> extensions;

    EvidenceType(String mediaType, boolean image, String... extensions) {
        this.mediaType = mediaType;
        this.image = image;
        this.extensions = List.of(extensions);
    }

    public String mediaType() {
        return mediaType;
    }

    public boolean image() {
        return image;
    }

    /** The usual extension, added to a name that has none of this type's. */
    public String extension() {
        return extensions.get(0);
    }

    public boolean hasExtension(String extension) {
        return extension != null && extensions.contains(extension.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code extension} is one this service knows (then a wrong one is replaced, not kept). */
    static boolean known(String extension) {
        return Arrays.stream(values()).anyMatch(t -> t.hasExtension(extension));
    }

    static Optional<EvidenceType> ofMediaType(String mediaType) {
        return Arrays.stream(values()).filter(t -> t.mediaType.equals(mediaType)).findFirst();
    }

    /**
     * For the 415 problem: format names only, no English words around them, because the list goes into the
     * Vietnamese and the English message alike.
     */
    static String allowedNames() {
        return "JPEG, PNG, WebP, HEIC/HEIF, PDF, DOCX, XLSX";
    }

    static List<String> allowedMediaTypes() {
        return Arrays.stream(values()).map(EvidenceType::mediaType).toList();
    }
}
