package vn.loa.activity.evidence;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * File names as people give them (Vietnamese, from phones and Windows) made safe to keep, to send back in
 * {@code Content-Disposition} and to put in a ZIP: NFC, no path, no control or direction-changing characters,
 * none of {@code <>:"/\|?*}, not a Windows device name, at most {@link #MAX_LENGTH} characters, and the
 * extension of the type the bytes really have.
 */
final class FileNames {

    static final int MAX_LENGTH = 200;
    /** "minh chứng" (evidence): the name of a file sent without one. */
    static final String DEFAULT_BASE = "minh-chung";

    private static final Pattern FORBIDDEN = Pattern.compile("[<>:\"/\\\\|?*]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Set<String> DEVICES = Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4",
            "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private FileNames() {
    }

    /** A safe name for a file whose bytes are of {@code type}. */
    static String sanitise(String original, EvidenceType type) {
        String name = clean(original);
        String base = name;
        String extension = "";
        int dot = name.lastIndexOf('.');
        if (dot > 0 && dot < name.length() - 1) {
            base = name.substring(0, dot);
            extension = name.substring(dot + 1);
        }
        if (type.hasExtension(extension)) {
            extension = extension.toLowerCase(Locale.ROOT);
        } else if (EvidenceType.known(extension)) {
            // "ảnh.jpg" that is really a PNG becomes "ảnh.png": the name must not lie about the bytes either.
            extension = type.extension();
        } else {
            base = name;
            extension = type.extension();
        }
        base = trimEnds(base);
        if (base.isEmpty()) {
            base = DEFAULT_BASE;
        }
        if (DEVICES.contains(base.toUpperCase(Locale.ROOT))) {
            base = "_" + base;
        }
        int room = MAX_LENGTH - extension.length() - 1;
        if (base.codePointCount(0, base.length()) > room) {
            base = trimEnds(base.substring(0, base.offsetByCodePoints(0, room)));
        }
        return base + "." + extension;
    }

    /** NFC, the last path segment only, unsafe characters replaced, spaces collapsed. */
    static String clean(String original) {
        if (original == null) {
            return "";
        }
        String name = Normalizer.normalize(original, Normalizer.Form.NFC);
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            int kind = Character.getType(cp);
            // Control characters, and FORMAT ones such as U+202E which would show "gpj.exe" as "exe.jpg".
            if (kind == Character.CONTROL || kind == Character.FORMAT || kind == Character.UNASSIGNED
                    || kind == Character.SURROGATE || kind == Character.PRIVATE_USE) {
                return;
            }
            out.appendCodePoint(cp);
        });
        name = FORBIDDEN.matcher(out).replaceAll("_");
        name = SPACES.matcher(name).replaceAll(" ");
        return trimEnds(name);
    }

    /** Windows drops trailing dots and spaces; leading dots make hidden files. */
    private static String trimEnds(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == '.' || s.charAt(start) == ' ')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == ' ')) {
            end--;
        }
        return s.substring(start, end);
    }

    /**
     * {@code attachment; filename="<ASCII>"; filename*=UTF-8''<percent-encoded>} (RFC 6266 with RFC 8187, formerly
     * 5987): every current browser takes the UTF-8 name, older clients the ASCII one ("Biên bản" → "Bien ban").
     */
    static String contentDisposition(String disposition, String name) {
        return disposition + "; filename=\"" + ascii(name) + "\"; filename*=UTF-8''" + rfc5987(name);
    }

    /** Vietnamese without its marks (đ → d), anything else outside printable ASCII as "_". */
    static String ascii(String name) {
        String stripped = Normalizer.normalize(name.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "");
        StringBuilder out = new StringBuilder(stripped.length());
        for (char c : stripped.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        return out.toString();
    }

    /** RFC 8187 {@code value-chars}: attr-char as is, every other UTF-8 byte as %XX. */
    static String rfc5987(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** A folder name for an activity in the ZIP: its date, its title (cut), the start of its id. */
    static String folder(String date, String title, String id) {
        String cleaned = clean(title);
        if (cleaned.codePointCount(0, cleaned.length()) > 60) {
            cleaned = trimEnds(cleaned.substring(0, cleaned.offsetByCodePoints(0, 60)));
        }
        return date + " " + (cleaned.isEmpty() ? "hoat-dong" : cleaned) + " " + id.substring(0, 8);
    }
}
