package vn.loa.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the launcher wires a stack (ports, databases, environment), without starting anything. */
class StackTests {

    private static final Path ROOT = Path.of("/srv/loa");

    private static StackConfig.Builder everyService() {
        StackConfig.Builder builder = StackConfig.builder(ROOT.resolve(".loa")).workingDirectory(ROOT)
                .demoData(EnumSet.allOf(LoaService.class));
        for (LoaService service : LoaService.values()) {
            builder.service(service, ROOT.resolve(service.moduleName() + "/target/app.jar"));
        }
        return builder;
    }

    private static Map<String, String> env(Stack stack, LoaService service, int replica) {
        return stack.instance(service, replica).process().environment();
    }

    @Test
    void theLocalStackUsesTheSharedPortsAndStandardSpringVariables() {
        Stack stack = new Stack(everyService().build(), line -> { });

        assertThat(stack.requiredPorts()).containsKeys(8080, 8081, 8082, 8083, 8084, 15432, 19092, 19093, 3025, 3143);
        assertThat(env(stack, LoaService.NOTIFICATION, 1))
                .containsEntry("SERVER_PORT", "8084")
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:15432/loa_notification")
                .containsEntry("SPRING_DATASOURCE_USERNAME", "loa")
                .containsEntry("SPRING_DATASOURCE_PASSWORD", "loa")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:19092")
                .containsEntry("LOA_DEMODATA_ENABLED", "true")
                .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", "http://localhost:8080/auth/jwks")
                .containsEntry("LOA_SECURITY_ISSUER", "http://localhost:8080")
                .containsEntry("LOA_MAIL_EMBEDDED_ENABLED", "true")
                .containsEntry("LOA_WEBHOOKS_ALLOWEDNETWORKS", "127.0.0.0/8,::1/128");
        assertThat(env(stack, LoaService.GATEWAY, 1)).doesNotContainKey("SPRING_DATASOURCE_URL")
                .containsEntry("LOA_PLAN_URI", "lb://plan")
                .containsEntry("SPRING_CLOUD_DISCOVERY_CLIENT_SIMPLE_INSTANCES_PLAN_0_URI", "http://localhost:8081");
        assertThat(stack.jdbcUrl(LoaService.PLAN)).isEqualTo("jdbc:postgresql://localhost:15432/loa_plan");
        assertThat(stack.postgresServers()).singleElement().satisfies(s ->
                assertThat(s.databases()).containsExactly("loa_plan", "loa_activity", "loa_reporting", "loa_notification"));
    }

    @Test
    void servicesStartedWithTheInfrastructureWaitForTheirDatabaseAndBrokerInsteadOfFailing() {
        Stack together = new Stack(everyService().servicesWithInfrastructure(true).build(), line -> { });
        Stack after = new Stack(everyService().build(), line -> { });

        assertThat(env(together, LoaService.ACTIVITY, 1))
                .containsEntry("SPRING_DATASOURCE_HIKARI_INITIALIZATIONFAILTIMEOUT", "120000")
                .containsEntry("SPRING_KAFKA_ADMIN_OPERATIONTIMEOUT", "120s");
        assertThat(env(together, LoaService.GATEWAY, 1)).doesNotContainKey("SPRING_DATASOURCE_HIKARI_INITIALIZATIONFAILTIMEOUT");
        assertThat(env(after, LoaService.ACTIVITY, 1)).doesNotContainKey("SPRING_DATASOURCE_HIKARI_INITIALIZATIONFAILTIMEOUT");
    }

    @Test
    void withoutClassDataSharingAServiceRunsFromItsExecutableJar() {
        Stack stack = new Stack(everyService().build(), line -> { });

        assertThat(stack.instance(LoaService.PLAN, 1).process().command())
                .endsWith("-jar", "/srv/loa/plan-service/target/app.jar")
                .noneMatch(option -> option.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void replicasGetTheirOwnPortsAndTheGatewayListsEveryOne() {
        Stack stack = new Stack(everyService().replicas(LoaService.REPORTING, 2).replicas(LoaService.NOTIFICATION, 2).build(),
                line -> { });

        assertThat(stack.replicas(LoaService.REPORTING)).isEqualTo(2);
        assertThat(stack.instance(LoaService.REPORTING, 2).name()).isEqualTo("reporting-service-2");
        assertThat(stack.instance(LoaService.REPORTING, 2).port()).isEqualTo(8093);
        assertThat(stack.logFile(LoaService.REPORTING, 2)).isEqualTo(ROOT.resolve(".loa/logs/reporting-service-2.log"));
        assertThat(env(stack, LoaService.GATEWAY, 1))
                .containsEntry("LOA_REPORTING_URI", "lb://reporting")
                .containsEntry("SPRING_CLOUD_DISCOVERY_CLIENT_SIMPLE_INSTANCES_REPORTING_0_URI", "http://localhost:8083")
                .containsEntry("SPRING_CLOUD_DISCOVERY_CLIENT_SIMPLE_INSTANCES_REPORTING_1_URI", "http://localhost:8093");
        // each notification replica runs its own embedded mail server
        assertThat(env(stack, LoaService.NOTIFICATION, 2)).containsEntry("SERVER_PORT", "8094")
                .containsEntry("LOA_MAIL_EMBEDDED_SMTPPORT", "3035").containsEntry("SPRING_MAIL_PORT", "3035");
        assertThat(stack.requiredPorts()).containsKeys(8093, 8094, 3035, 3153);
        assertThatThrownBy(() -> stack.instance(LoaService.REPORTING, 3)).hasMessageContaining("2 replica(s)");
    }

    @Test
    void anOffsetMovesEveryFixedPort() {
        Stack stack = new Stack(everyService().portOffset(1000).build(), line -> { });

        assertThat(stack.requiredPorts()).containsKeys(9080, 9081, 9084, 16432, 20092, 20093, 4025, 4143)
                .doesNotContainKeys(8080, 15432);
        assertThat(stack.gatewayUrl()).isEqualTo("http://localhost:9080");
        assertThat(env(stack, LoaService.PLAN, 1)).containsEntry("LOA_SECURITY_ISSUER", "http://localhost:9080");
    }

    @Test
    void aTestStackTakesFreePortsOneDatabaseServerPerServiceAndEnvironmentOverrides() {
        StackConfig config = everyService().fixedPorts(false).databasePerService(true)
                .env(LoaService.ACTIVITY, "LOA_OVERDUE_INTERVAL", "PT2S")
                .env(LoaService.ACTIVITY, "LOA_DEMODATA_ENABLED", null)
                .build();
        Stack stack = new Stack(config, line -> { });

        Set<Integer> ports = new HashSet<>(stack.requiredPorts().keySet());
        assertThat(ports).hasSize(stack.requiredPorts().size()).allSatisfy(p -> assertThat(p).isBetween(20_000, 31_999));
        assertThat(stack.postgresServers()).extracting(PostgresServer::name).containsExactly("postgres-plan-service",
                "postgres-activity-service", "postgres-reporting-service", "postgres-notification-service");
        assertThat(stack.postgres(LoaService.ACTIVITY).databases()).containsExactly("loa_activity");
        assertThat(stack.jdbcUrl(LoaService.ACTIVITY)).isNotEqualTo(stack.jdbcUrl(LoaService.PLAN).replace("loa_plan", "loa_activity"));
        assertThat(env(stack, LoaService.PLAN, 1)).containsEntry("LOA_SECURITY_ISSUER", stack.gatewayUrl())
                .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", stack.gatewayUrl() + "/auth/jwks");
        assertThat(env(stack, LoaService.GATEWAY, 1)).containsEntry("LOA_AUTH_ISSUER_URI", stack.gatewayUrl())
                .containsEntry("SPRING_CLOUD_DISCOVERY_CLIENT_SIMPLE_INSTANCES_ACTIVITY_0_URI", stack.instance(LoaService.ACTIVITY, 1).url());
        assertThat(env(stack, LoaService.ACTIVITY, 1)).containsEntry("LOA_OVERDUE_INTERVAL", "PT2S")
                .doesNotContainKey("LOA_DEMODATA_ENABLED")
                .containsEntry("SPRING_DATASOURCE_URL", stack.jdbcUrl(LoaService.ACTIVITY));
    }

    @Test
    void onlyTheGivenServicesRunAndTheGatewayRunsAsOneReplica() {
        StackConfig config = StackConfig.builder(ROOT).service(LoaService.PLAN, ROOT.resolve("plan.jar"))
                .service(LoaService.ACTIVITY, ROOT.resolve("activity.jar")).build();
        Stack stack = new Stack(config, line -> { });

        assertThat(stack.allInstances()).extracting(Stack.Instance::name).containsExactly("plan-service", "activity-service");
        assertThat(stack.runs(LoaService.GATEWAY)).isFalse();
        assertThatThrownBy(() -> StackConfig.builder(ROOT).replicas(LoaService.GATEWAY, 2))
                .hasMessageContaining("gateway");
        assertThatThrownBy(() -> StackConfig.builder(ROOT).service(LoaService.PLAN, ROOT).replicas(LoaService.REPORTING, 2).build())
                .hasMessageContaining("reporting-service");
        assertThat(List.of(stack.kafkaBootstrap())).containsExactly("localhost:19092");
    }

    @Test
    void aThreeNodeClusterHasTheProductionReplicationSettingsAndOneControllerQuorum() {
        Stack stack = new Stack(everyService().kafkaBrokers(3).build(), line -> { });

        assertThat(stack.kafkaBrokers()).isEqualTo(3);
        assertThat(stack.kafkaBootstrap()).isEqualTo("localhost:19092,localhost:19094,localhost:19096");
        assertThat(stack.requiredPorts()).containsKeys(19092, 19093, 19094, 19095, 19096, 19097);
        assertThat(env(stack, LoaService.ACTIVITY, 1))
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:19092,localhost:19094,localhost:19096")
                .containsEntry("LOA_MESSAGING_TOPICS_REPLICATIONFACTOR", "3");
        java.util.Properties node2 = EmbeddedBroker.properties(ROOT.resolve("data"), stack.broker(2).node());
        assertThat(node2)
                .containsEntry("node.id", "2")
                .containsEntry("controller.quorum.voters", "1@localhost:19093,2@localhost:19095,3@localhost:19097")
                .containsEntry("default.replication.factor", "3")
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("unclean.leader.election.enable", "false")
                .containsEntry("offsets.topic.replication.factor", "3");
    }

    @Test
    void aPartitionableServiceReachesKafkaAndItsDatabaseThroughProxiesOfItsOwn() {
        Stack stack = new Stack(everyService().partitionable(LoaService.ACTIVITY).build(), line -> { });

        Map<String, String> activity = env(stack, LoaService.ACTIVITY, 1);
        assertThat(activity.get("SPRING_DATASOURCE_URL")).doesNotContain(":15432/").endsWith("/loa_activity");
        assertThat(activity.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isNotEqualTo("localhost:19092");
        assertThat(env(stack, LoaService.REPORTING, 1)).containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:19092");
        // the broker advertises the proxy's port on the service's own listener
        int[] listener = stack.broker(1).node().extraListeners().get("CUT_ACTIVITY");
        assertThat(activity.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("localhost:" + listener[1]);
    }
}
