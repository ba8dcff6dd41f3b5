package vn.loa.support.web;

import org.springframework.http.server.PathContainer;
import org.springframework.util.unit.DataSize;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A route whose uploads may be larger than {@code loa.web.max-import-body} (or must be smaller): a service declares
 * it as a bean and {@link RequestBodyLimitFilter} applies it to the non-JSON bodies sent to matching paths. JSON
 * bodies keep the JSON limit everywhere.
 * <p>
 * Example: activity-service's evidence files, 20 MiB per file, declare {@code /api/activities/*}{@code /evidence}
 * with the file limit plus room for the multipart envelope.
 *
 * @param pathPattern a {@link PathPattern} ({@code *} one segment, {@code **} the rest) matched against the request path
 * @param maxBody     the largest body accepted on that route
 * @param kind        what the limit is for, as the 413 problem names it ("evidence uploads")
 */
public record RouteBodyLimit(String pathPattern, DataSize maxBody, String kind) {

    public RouteBodyLimit {
        if (pathPattern == null || maxBody == null || kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("a route body limit needs a path pattern, a size and what it is for");
        }
    }

    PathPattern parsed() {
        return PathPatternParser.defaultInstance.parse(pathPattern);
    }

    static boolean matches(PathPattern pattern, String path) {
        return pattern.matches(PathContainer.parsePath(path));
    }
}
