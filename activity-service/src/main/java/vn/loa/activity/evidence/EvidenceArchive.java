package vn.loa.activity.evidence;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.web.ApiException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A commune's evidence of a period as one ZIP, what the PAR Index self-assessment asks for: a folder per completed
 * activity ("2022-04-15 Chuyên mục CCHC tháng 4 1a2b3c4d/") holding its files, and {@code manifest.csv} listing every
 * completed activity with each file (path in the ZIP, name, type, size, SHA-256, who and when), its links and
 * notes, and the activities without any evidence. Written straight to the response: objects are streamed one by
 * one, nothing of the ZIP is held in memory.
 */
@Component
class EvidenceArchive {

    private static final Logger log = LoggerFactory.getLogger(EvidenceArchive.class);
    private static final Pattern PERIOD = Pattern.compile("(\\d{4})(?:-(Q[1-4]|H[12]))?");
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String MANIFEST = "manifest.csv";
    static final List<String> COLUMNS = List.of("activityId", "activityTitle", "channel", "dueDate", "completedOn",
            "period", "kind", "path", "name", "contentType", "size", "sha256", "uploadedBy", "uploadedAt", "url", "note",
            "stored");

    private final ActivityAccess access;
    private final EvidenceRepository evidence;
    private final EvidenceStore store;
    private final JsonMapper json;

    EvidenceArchive(ActivityAccess access, EvidenceRepository evidence, EvidenceStore store, JsonMapper json) {
        this.access = access;
        this.evidence = evidence;
        this.store = store;
        this.json = json;
    }

    /** The quarters of a period: {@code 2022-Q2} itself, {@code 2022-H1} Q1 and Q2, {@code 2022} all four. */
    static List<String> quarters(String period) {
        Matcher m = PERIOD.matcher(period == null ? "" : period);
        if (!m.matches()) {
            throw ApiException.invalid("period", "field.evidence.period");
        }
        String year = m.group(1);
        String part = m.group(2);
        if (part == null) {
            return List.of(year + "-Q1", year + "-Q2", year + "-Q3", year + "-Q4");
        }
        if (part.equals("H1")) {
            return List.of(year + "-Q1", year + "-Q2");
        }
        if (part.equals("H2")) {
            return List.of(year + "-Q3", year + "-Q4");
        }
        return List.of(year + "-" + part);
    }

    /** What the archive will hold; authorised (403/404) before anything is written. */
    Plan plan(CurrentUser user, String orgUnit, String period) {
        List<String> quarters = quarters(period);
        access.readableOrgUnit(user, orgUnit);
        return new Plan(orgUnit, period, evidence.archive(orgUnit, quarters));
    }

    record Plan(String orgUnit, String period, List<EvidenceRepository.ArchiveLine> lines) {
        String fileName() {
            return "minh-chung " + orgUnit + " " + period + ".zip";
        }
    }

    void write(Plan plan, OutputStream target) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(target, StandardCharsets.UTF_8);
        List<List<String>> rows = new ArrayList<>();
        Map<UUID, String> folders = new LinkedHashMap<>();
        Map<String, Set<String>> namesInFolder = new HashMap<>();
        UUID previous = null;
        for (EvidenceRepository.ArchiveLine line : plan.lines()) {
            String folder = folders.computeIfAbsent(line.activityId(), id -> FileNames.folder(
                    String.valueOf(line.completedOn()), line.title(), id.toString()));
            List<Link> links = links(line.links());
            if (!line.activityId().equals(previous)) {
                // The activity's links and notes once, before its files; an activity with neither is listed as such.
                for (Link link : links) {
                    rows.add(row(line, "link", "", null, link.url(), link.note(), ""));
                }
                if (line.file() == null && links.isEmpty()) {
                    rows.add(row(line, "none", "", null, "", "", ""));
                }
                previous = line.activityId();
            }
            EvidenceFile f = line.file();
            if (f == null) {
                continue;
            }
            String path = folder + "/" + unique(namesInFolder.computeIfAbsent(folder, k -> new HashSet<>()), f.name());
            boolean stored = copy(zip, path, f);
            rows.add(row(line, "file", path, f, "", f.note() == null ? "" : f.note(), stored ? "yes" : "missing"));
        }
        zip.setLevel(Deflater.DEFAULT_COMPRESSION);
        zip.putNextEntry(new ZipEntry(MANIFEST));
        zip.write(manifest(rows));
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }

    /** Photos, PDFs and Office files are compressed already: stored as they are, to spend no CPU for nothing. */
    private boolean copy(ZipOutputStream zip, String path, EvidenceFile f) throws IOException {
        InputStream in;
        try {
            in = store.open(f.storageKey());
        } catch (IOException e) {
            // The manifest says so; the rest of the archive is still worth having.
            log.warn("Evidence object {} could not be read for an archive: {}", f.storageKey(), e.toString());
            return false;
        }
        try (in) {
            zip.setLevel(Deflater.NO_COMPRESSION);
            ZipEntry entry = new ZipEntry(path);
            entry.setTime(f.uploadedAt().toEpochMilli());
            zip.putNextEntry(entry);
            in.transferTo(zip);
            zip.closeEntry();
            return true;
        }
    }

    private static String unique(Set<String> taken, String name) {
        String candidate = name;
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = base + " (" + n + ")" + ext;
        }
        return candidate;
    }

    private List<String> row(EvidenceRepository.ArchiveLine line, String kind, String path, EvidenceFile f, String url,
                             String note, String stored) {
        return List.of(line.activityId().toString(), text(line.title()), nz(line.channel()), String.valueOf(line.dueDate()),
                String.valueOf(line.completedOn()), nz(line.period()), kind, text(path), f == null ? "" : text(f.name()),
                f == null ? "" : f.contentType(), f == null ? "" : String.valueOf(f.size()), f == null ? "" : f.sha256(),
                f == null ? "" : text(f.uploadedBy()),
                f == null ? "" : f.uploadedAt().atZone(ZONE).toOffsetDateTime().toString(), text(url), text(note), stored);
    }

    /**
     * People's text in a CSV that Excel opens: a cell starting with = + - @ (or a tab or return) would be run as a
     * formula; a leading apostrophe makes it text (OWASP "CSV injection").
     */
    static String text(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        return "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }

    /** UTF-8 with a byte order mark, so that Excel shows the Vietnamese as it is. */
    private static byte[] manifest(List<List<String>> rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        try (CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new)).get())) {
            for (List<String> row : rows) {
                csv.printRecord(row);
            }
        }
        return bytes.toByteArray();
    }

    private record Link(String url, String note) {
    }

    /** The URL and note evidence recorded with the completion ({@code evidence:[{url?, note?}]}). */
    private List<Link> links(String evidenceJson) {
        if (evidenceJson == null || evidenceJson.isBlank()) {
            return List.of();
        }
        List<Link> links = new ArrayList<>();
        for (JsonNode item : json.readTree(evidenceJson)) {
            links.add(new Link(item.path("url").asString(""), item.path("note").asString("")));
        }
        return links;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
