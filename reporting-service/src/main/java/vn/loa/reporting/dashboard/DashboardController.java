package vn.loa.reporting.dashboard;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.loa.support.security.CurrentUser;

@RestController
class DashboardController {

    private final DashboardService dashboards;

    DashboardController(DashboardService dashboards) {
        this.dashboards = dashboards;
    }

    /** {@code ?period=2022-Q1} for a quarter, or {@code ?year=2022} for the whole year with a quarterly trend. */
    @GetMapping("/api/dashboards/{orgUnit}")
    DashboardView get(CurrentUser user, @PathVariable String orgUnit,
                      @RequestParam(required = false) String period, @RequestParam(required = false) Integer year) {
        return dashboards.dashboard(user, orgUnit, period, year);
    }
}
