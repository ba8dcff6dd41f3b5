package vn.loa.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.loa.e2e.faults.Observations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static vn.loa.e2e.E2E.eventually;

/**
 * Issue 14, point 7: a service runs as several replicas ({@code -Dloa.e2e.replicas=reporting=2}, the default of
 * this module; {@code ./loa up --replicas reporting=2}) and the gateway spreads requests over them (Spring Cloud
 * LoadBalancer over the launcher's static instance list). Which replica served is read from each replica's own
 * {@code http_server_requests_seconds_count} for the dashboard's URI. (That reads go on through the gateway while
 * a replica is killed is shown by {@code NothingLostFaultIT}, which kills one anyway.)
 */
@ExtendWith(StackLogsOnFailure.class)
class ReplicasE2EIT {

    private static final String DASHBOARD = "/api/dashboards/duc-tho?period=2022-Q1";

    private final LoaStack stack = LoaStack.get();

    @Test
    void theGatewaySpreadsRequestsOverEveryReplica() {
        int replicas = stack.replicas(Service.REPORTING);
        assumeTrue(replicas >= 2, "reporting-service runs as one replica (-Dloa.e2e.replicas=reporting=2 for two)");
        String district = stack.token("ductho.vhtt");
        double[] before = served(replicas);

        int requests = 6 * replicas;
        for (int i = 0; i < requests; i++) {
            Api.Response dashboard = stack.gateway().get(DASHBOARD, district);
            assertThat(dashboard.status()).as(dashboard.toString()).isEqualTo(200);
        }

        eventually().untilAsserted(() -> {
            double[] after = served(replicas);
            double total = 0;
            for (int r = 0; r < replicas; r++) {
                assertThat(after[r] - before[r]).as("requests served by replica %d", r + 1).isPositive();
                total += after[r] - before[r];
            }
            assertThat(total).as("each request served once").isEqualTo(requests);
        });
    }

    /** Dashboard requests each replica has answered since it started. */
    private double[] served(int replicas) {
        double[] served = new double[replicas];
        for (int r = 1; r <= replicas; r++) {
            served[r - 1] = Observations.counter(stack.url(Service.REPORTING, r), stack.token("operator"), "http_server_requests_seconds_count",
                    "uri=\"/api/dashboards/");
        }
        return served;
    }
}
