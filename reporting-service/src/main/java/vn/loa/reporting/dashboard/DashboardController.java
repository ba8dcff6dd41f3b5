package vn.loa.reporting.dashboard;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import vn.loa.support.security.CurrentUser;

@RestController
class DashboardController {

    private final DashboardService dashboards;
    private final DashboardEvents events;

    DashboardController(DashboardService dashboards, DashboardEvents events) {
        this.dashboards = dashboards;
        this.events = events;
    }

    /** {@code ?period=2022-Q1} for a quarter, or {@code ?year=2022} for the whole year with a quarterly trend. */
    @GetMapping("/api/dashboards/{orgUnit}")
    DashboardView get(CurrentUser user, @PathVariable String orgUnit,
                      @RequestParam(required = false) String period, @RequestParam(required = false) Integer year) {
        return dashboards.dashboard(user, orgUnit, period, year);
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
