package vn.loa.reporting.dashboard;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.support.security.CurrentUser;

import java.time.LocalDate;

@RestController
class DashboardController {

    private final DashboardService dashboards;
    private final DashboardEvents events;
    private final DashboardCache cache;
    private final JsonMapper json;

    DashboardController(DashboardService dashboards, DashboardEvents events, DashboardCache cache, JsonMapper json) {
        this.dashboards = dashboards;
        this.events = events;
        this.cache = cache;
        this.json = json;
    }

    /**
     * {@code ?period=2022-Q1} for a quarter, or {@code ?year=2022} for the whole year with a quarterly trend.
     * ETag: the version of the unit's subtree and the day; {@code If-None-Match} with it answers 304.
     */
    @GetMapping("/api/dashboards/{orgUnit}")
    ResponseEntity<byte[]> get(CurrentUser user, @PathVariable String orgUnit,
                                      @RequestParam(required = false) String period,
                                      @RequestParam(required = false) Integer year,
                                      @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        DashboardService.Scope scope = dashboards.scope(user, orgUnit, period, year);
        LocalDate today = dashboards.today();
        DashboardCache.Key key = new DashboardCache.Key(scope.unit().code(),
                scope.period() == null ? null : scope.period().toString(), scope.year(), today);
        DashboardCache.Current current = cache.current(key);
        String etag = cache.etag(current.version(), today);
        if (DashboardCache.matches(ifNoneMatch, etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(CacheControl.noCache().cachePrivate()).build();
        }
        // The rendered body is what is kept: a hit costs neither the figures nor their JSON.
        byte[] body = cache.body(key, current, () -> json.writeValueAsBytes(dashboards.compute(scope, today)));
        return ResponseEntity.ok().eTag(etag).cacheControl(CacheControl.noCache().cachePrivate())
                .contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /**
     * Server-sent events ({@code text/event-stream}): {@code ready} at once, then {@code changed} whenever the
     * figures of this dashboard may have changed. Same scope and parameters as the dashboard (404 outside scope).
     */
    @GetMapping("/api/dashboards/{orgUnit}/events")
    SseEmitter events(CurrentUser user, @PathVariable String orgUnit,
                      @RequestParam(required = false) String period, @RequestParam(required = false) Integer year) {
        return events.subscribe(dashboards.scope(user, orgUnit, period, year));
    }
}
