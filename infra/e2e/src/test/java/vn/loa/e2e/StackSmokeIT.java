package vn.loa.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The harness itself: every process up, tokens, routes to each service, databases reachable, process control. */
@ExtendWith(StackLogsOnFailure.class)
class StackSmokeIT {

    private final LoaStack stack = LoaStack.get();

    @Test
    void everyServiceAnswersThroughTheGatewayWithADemoUsersToken() {
        Api gateway = stack.gateway();
        String district = stack.token("ductho.vhtt");
        Api.Response orgUnit = gateway.get("/api/org-units/duc-tho", district);
        assertThat(orgUnit.status()).as(orgUnit.toString()).isEqualTo(200);
        assertThat(orgUnit.json().get("name").asString()).isEqualTo("Huyện Đức Thọ");
        assertThat(gateway.get("/api/activities?size=1", district).status()).isEqualTo(200);
        assertThat(gateway.get("/api/periods/lien-minh/2022-Q1", district).status()).isEqualTo(200);
        assertThat(gateway.get("/api/notifications?size=1", district).status()).isEqualTo(200);
        for (Service service : Service.values()) {
            assertThat(stack.isRunning(service)).as(service.name()).isTrue();
        }
    }

    @Test
    void healthNamesItsComponentsToAnOperatorAndNothingToAnyoneElse() {
        String operator = stack.token("operator");
        String officer = stack.token("lienminh.vhtt");
        for (Service service : Service.values()) {
            if (service.database() == null) {
                continue; // the gateway keeps its own health settings
            }
            Api direct = stack.direct(service);
            Api.Response anonymous = direct.get("/actuator/health", null);
            assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(200);
            assertThat(anonymous.json().has("components")).as("%s to nobody: %s", service, anonymous.body()).isFalse();
            assertThat(direct.get("/actuator/health", officer).json().has("components")).as("%s to an officer", service).isFalse();

            Api.Response toOperator = direct.get("/actuator/health", operator);
            assertThat(toOperator.status()).as(toOperator.toString()).isEqualTo(200);
            assertThat(toOperator.json().get("components").propertyNames())
                    .as("%s to an operator", service).contains("db", "kafka", "livenessState");
            assertThat(toOperator.json().at("/components/kafka/details/brokers").asInt()).as(service.name()).isPositive();
        }
    }

    @Test
    void eachServiceDatabaseIsReachable() throws Exception {
        for (Service service : Service.values()) {
            if (service.database() == null) {
                continue;
            }
            try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(service), LoaStack.DB_USER,
                    LoaStack.DB_PASSWORD);
                 ResultSet rows = connection.createStatement().executeQuery("select count(*) from flyway_schema_history")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).as(service.name()).isPositive();
            }
        }
    }

    @Test
    void aKilledServiceAndAKilledBrokerComeBack() {
        long before = stack.pid(Service.NOTIFICATION);
        stack.kill(Service.NOTIFICATION);
        assertThat(stack.isRunning(Service.NOTIFICATION)).isFalse();
        assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        stack.killKafka();
        assertThat(stack.isKafkaRunning()).isFalse();

        // Both at once, as after a host restart: the service's JVM starts while the broker does (they are
        // independent processes; a serial restart only added the broker's start to the suite's time).
        java.util.concurrent.CompletableFuture<Void> kafka = java.util.concurrent.CompletableFuture.runAsync(stack::startKafka);
        stack.start(Service.NOTIFICATION);
        kafka.join();
        assertThat(stack.isKafkaRunning()).isTrue();
        assertThat(stack.pid(Service.NOTIFICATION)).isNotEqualTo(before);
        Api.Response inbox = stack.gateway().get("/api/notifications?size=1", stack.token("lienminh.vhtt"));
        assertThat(inbox.status()).as(inbox.toString()).isEqualTo(200);
    }
}
