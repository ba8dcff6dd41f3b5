package vn.loa.localstack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PortCheckTests {

    @Test
    void aTakenPortIsReportedWithWhoNeedsIt() throws IOException {
        try (ServerSocket busy = new ServerSocket(0)) {
            int port = busy.getLocalPort();

            assertThat(PortCheck.isFree(port)).isFalse();
            assertThat(PortCheck.taken(Map.of(port, "plan-service")))
                    .singleElement().asString().contains("Port " + port + " (plan-service) is already in use");
        }
    }

    @Test
    void theStackNeedsTheServicePortsPostgresAndKafka() {
        StackSettings settings = StackSettings.from(new String[0], Map.of());

        assertThat(PortCheck.required(settings)).containsKeys(8080, 8081, 8082, 8083, 8084, 15432, 19092, 19093);
    }
}
