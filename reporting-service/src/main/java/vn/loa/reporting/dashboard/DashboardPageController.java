package vn.loa.reporting.dashboard;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The dashboard page: one HTML shell for every org unit (the script reads the code from the path and
 * fetches the figures with the signed-in user's token), open without a token like its assets under
 * {@code /dashboards/assets/}. Its sign-in posts to {@code loa.dashboard.token-url}, the gateway's
 * {@code /auth/token} by default (relative: the page is served through the gateway).
 */
@Controller
class DashboardPageController {

    private final String html;
    private final String contentSecurityPolicy;

    DashboardPageController(@Value("${loa.dashboard.token-url:/auth/token}") String tokenUrl) {
        // The page talks to its own origin only, and to the token endpoint's when that is absolute.
        URI token = URI.create(tokenUrl);
        String tokenOrigin = token.isAbsolute() ? " " + token.getScheme() + "://" + token.getRawAuthority() : "";
        this.contentSecurityPolicy = "default-src 'self'; connect-src 'self'" + tokenOrigin
                + "; img-src 'self' data:; frame-ancestors 'none'";
        try {
            String template = new ClassPathResource("dashboard/page.html").getContentAsString(StandardCharsets.UTF_8);
            this.html = template.replace("{{tokenUrl}}", HtmlUtils.htmlEscape(tokenUrl));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping(path = {"/dashboards", "/dashboards/", "/dashboards/{orgUnit}"}, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .header("Content-Security-Policy", contentSecurityPolicy)
                .header("Referrer-Policy", "no-referrer")
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(html);
    }
}
