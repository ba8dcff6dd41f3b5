package vn.loa.testsupport;

import vn.loa.common.problem.ProblemCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks that a module throws its problems through loa-common's catalogue ({@code ProblemCode}): a code written as
 * a string ({@code ApiException.conflict("plan-exists", "…")}, {@code new ApiException(HttpStatus.X, "code", …)}, the
 * gateway's former {@code Problems.body(HttpStatus.X, "code", …)}) escapes the catalogue and its bundles. Each
 * finding says where, and whether the code is unknown to the catalogue or written with another status than the
 * catalogue's. Use it in a unit test of the module:
 *
 * <pre>{@code
 * @Test
 * void everyProblemComesFromTheCatalogue() {
 *     ProblemCatalogueCheck.assertSourcesUseTheCatalogue(Path.of("src/main/java"));
 * }
 * }</pre>
 */
public final class ProblemCatalogueCheck {

    /** One throw site outside the catalogue. */
    public record Finding(Path file, int line, String call, String why) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + call + " — " + why;
        }
    }

    private static final Map<String, Integer> FACTORY_STATUS = Map.of("notFound", 404, "badRequest", 400,
            "validation", 400, "conflict", 409, "unprocessable", 422, "preconditionFailed", 412, "forbidden", 403);

    private static final Pattern FACTORY = Pattern.compile(
            "ApiException\\.(notFound|badRequest|validation|conflict|unprocessable|preconditionFailed|forbidden)\\s*\\((\\s*\"([a-z-]+)\")?");
    private static final Pattern STATUS_AND_CODE = Pattern.compile(
            "(new\\s+ApiException|Problems\\.(?:body|entity)|ProblemDetail\\.forStatus(?:AndDetail)?)\\s*\\(\\s*"
                    + "(?:org\\.springframework\\.http\\.)?HttpStatus\\.([A-Z_]+)(\\s*,\\s*\"([a-z-]+)\")?");
    private static final Pattern CODE_PROPERTY = Pattern.compile("setProperty\\(\\s*\"code\"\\s*,\\s*\"([a-z-]+)\"");

    private ProblemCatalogueCheck() {
    }

    /** Fails listing every throw site under {@code sourceRoot} that does not go through the catalogue. */
    public static void assertSourcesUseTheCatalogue(Path sourceRoot, String... excludedFileNames) {
        List<Finding> findings = findings(sourceRoot, Set.of(excludedFileNames));
        if (!findings.isEmpty()) {
            StringBuilder message = new StringBuilder(findings.size()
                    + " problem(s) thrown outside the catalogue (use ApiException.of(ProblemCode.…), ApiException.invalid(…)):");
            findings.forEach(f -> message.append("\n  ").append(f));
            throw new AssertionError(message.toString());
        }
    }

    public static List<Finding> findings(Path sourceRoot, Set<String> excludedFileNames) {
        List<Finding> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                if (!excludedFileNames.contains(file.getFileName().toString())) {
                    scan(file, Files.readString(file, StandardCharsets.UTF_8), out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void scan(Path file, String source, List<Finding> out) {
        Matcher factory = FACTORY.matcher(source);
        while (factory.find()) {
            int status = FACTORY_STATUS.get(factory.group(1));
            String code = factory.group(3);
            out.add(new Finding(file, line(source, factory.start()), factory.group().strip(), why(code, status)));
        }
        Matcher statusAndCode = STATUS_AND_CODE.matcher(source);
        while (statusAndCode.find()) {
            int status = status(statusAndCode.group(2));
            out.add(new Finding(file, line(source, statusAndCode.start()), statusAndCode.group().strip(),
                    why(statusAndCode.group(4), status)));
        }
        Matcher property = CODE_PROPERTY.matcher(source);
        while (property.find()) {
            out.add(new Finding(file, line(source, property.start()), property.group(), why(property.group(1), -1)));
        }
    }

    private static String why(String code, int status) {
        if (code == null) {
            return "a problem built from a status and strings";
        }
        Optional<ProblemCode> known = ProblemCode.of(code);
        if (known.isEmpty()) {
            return "code '" + code + "' is not in the catalogue";
        }
        if (status > 0 && known.get().status() != status) {
            return "code '" + code + "' is written with status " + status + ", the catalogue's is " + known.get().status();
        }
        return "code '" + code + "' given as a string: use ProblemCode." + known.get().name();
    }

    private static final Map<String, Integer> STATUS = Map.ofEntries(Map.entry("BAD_REQUEST", 400),
            Map.entry("UNAUTHORIZED", 401), Map.entry("FORBIDDEN", 403), Map.entry("NOT_FOUND", 404),
            Map.entry("METHOD_NOT_ALLOWED", 405), Map.entry("NOT_ACCEPTABLE", 406), Map.entry("CONFLICT", 409),
            Map.entry("PRECONDITION_FAILED", 412), Map.entry("CONTENT_TOO_LARGE", 413), Map.entry("PAYLOAD_TOO_LARGE", 413),
            Map.entry("UNSUPPORTED_MEDIA_TYPE", 415), Map.entry("UNPROCESSABLE_CONTENT", 422),
            Map.entry("UNPROCESSABLE_ENTITY", 422), Map.entry("PRECONDITION_REQUIRED", 428),
            Map.entry("TOO_MANY_REQUESTS", 429), Map.entry("INTERNAL_SERVER_ERROR", 500), Map.entry("BAD_GATEWAY", 502),
            Map.entry("SERVICE_UNAVAILABLE", 503), Map.entry("GATEWAY_TIMEOUT", 504));

    /** The status of a Spring {@code HttpStatus} constant's name (-1 if not one of the usual ones). */
    private static int status(String httpStatusName) {
        return STATUS.getOrDefault(httpStatusName, -1);
    }

    private static int line(String source, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
