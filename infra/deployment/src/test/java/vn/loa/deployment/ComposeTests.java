package vn.loa.deployment;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.messaging.Topics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.deployment.Repo.list;
import static vn.loa.deployment.Repo.map;
import static vn.loa.deployment.Repo.string;

/** docker-compose.yml against the services' configuration, the Dockerfiles and infra/compose. */
class ComposeTests {

    static Map<String, Object> compose;
    static Map<String, Object> services;

    @BeforeAll
    static void parse() {
        compose = parseCompose();
        services = map(compose, "services");
    }

    static Map<String, Object> parseCompose() {
        return Repo.yamlMap(Repo.path("docker-compose.yml"));
    }

    static Stream<String> modules() {
        return Repo.SERVICES.keySet().stream().sorted();
    }

    static Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        map(services, service, "environment").forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    /** The default of a {@code ${VAR:-default}} value, or the value itself. */
    static String resolved(String value) {
        Matcher m = Pattern.compile("\\$\\{[A-Z0-9_]+:-([^}]*)}").matcher(value);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
    }

    @Test
    void runsTheInfrastructureTheFiveServicesAndTheOptionalProfiles() {
        assertThat(services).containsKeys("postgres", "kafka", "kafka-topics", "gateway", "plan-service",
                "activity-service", "reporting-service", "notification-service", "prometheus", "grafana", "mailpit");
        // Public images by default; LOA_POSTGRES_IMAGE / LOA_KAFKA_IMAGE name locally built ones (./loa images).
        assertThat(string(services, "postgres", "image")).isEqualTo("${LOA_POSTGRES_IMAGE:-postgres:17}");
        assertThat(resolved(string(services, "kafka", "image"))).startsWith("apache/kafka:4.");
        assertThat(string(services, "kafka-topics", "image")).isEqualTo(string(services, "kafka", "image"));
        assertThat(map(services, "kafka", "environment")).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
        assertThat(list(services, "prometheus", "profiles")).containsExactly("observability");
        assertThat(list(services, "grafana", "profiles")).containsExactly("observability");
        assertThat(list(services, "mailpit", "profiles")).containsExactly("mail");
        for (String module : Repo.SERVICES.keySet()) {
            assertThat(list(services, module, "profiles")).as(module + " runs without a profile").isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("modules")
    void givesEachServiceEverySettingItsConfigurationNeeds(String module) {
        Set<String> given = new HashSet<>(environment(module).keySet());
        given.add("SERVER_PORT"); // set by the image
        for (Set<String> alternatives : Repo.requiredSettings(module)) {
            assertThat(alternatives).as("%s needs one of %s in docker-compose.yml", module, alternatives)
                    .containsAnyElementsOf(given);
        }
        environment(module).forEach((name, value) ->
                assertThat(resolved(value)).as("%s=%s inside the compose network", name, value).doesNotContain("localhost:1"));
    }

    @ParameterizedTest
    @MethodSource("modules")
    void buildsEachServiceFromItsOwnDockerfileAndPublishesItsPort(String module) {
        assertThat(string(services, module, "build", "context")).isEqualTo(".");
        assertThat(string(services, module, "build", "dockerfile")).isEqualTo(module + "/Dockerfile");
        int port = Repo.SERVICES.get(module);
        assertThat(list(services, module, "ports")).containsExactly(port + ":" + port);
        assertThat(Repo.configuredPort(module)).isEqualTo(port);
    }

    @ParameterizedTest
    @MethodSource("modules")
    void checksHealthWaitsForWhatItNeedsAndHasAMemoryLimit(String module) {
        // On the management port, where the actuator lives in the containers.
        assertThat(string(services, module, "healthcheck", "test")).contains("/actuator/health/readiness",
                "/dev/tcp/127.0.0.1/$${MANAGEMENT_SERVER_PORT}");
        assertThat(string(services, module, "deploy", "resources", "limits", "memory")).isNotBlank();
        Map<String, Object> dependsOn = map(services, module, "depends_on");
        if (module.equals("gateway")) {
            assertThat(dependsOn.keySet()).containsExactlyInAnyOrder("plan-service", "activity-service",
                    "reporting-service", "notification-service");
        } else {
            assertThat(dependsOn).containsKeys("postgres", "kafka", "kafka-topics");
            assertThat(string(dependsOn, "kafka-topics", "condition")).isEqualTo("service_completed_successfully");
        }
        // Graceful shutdown (web server phase, then listener containers and relay) ends before Docker kills the container.
        String phase = Repo.applicationYml(module).get("spring.lifecycle.timeout-per-shutdown-phase");
        assertThat(seconds(string(services, module, "stop_grace_period"))).isGreaterThan(2 * seconds(phase));
    }

    @Test
    void everyServiceWaitedOnIsHealthCheckedAndEveryContainerHasAMemoryLimit() {
        services.forEach((name, definition) -> {
            assertThat(string(definition, "deploy", "resources", "limits", "memory")).as(name + " memory limit").isNotBlank();
            map(definition, "depends_on").forEach((dependency, condition) -> {
                assertThat(services).as(name + " depends on a defined service").containsKey(dependency);
                if ("service_healthy".equals(string(condition, "condition"))) {
                    assertThat(map(services, dependency, "healthcheck")).as(dependency + " has a health check").isNotEmpty();
                }
            });
        });
    }

    @ParameterizedTest
    @MethodSource("modules")
    void eachDomainServiceHasItsOwnDatabaseAndRoleCreatedAtFirstStart(String module) {
        Map<String, String> env = environment(module);
        if (module.equals("gateway")) {
            assertThat(env).doesNotContainKey("SPRING_DATASOURCE_URL");
            return;
        }
        String url = env.get("SPRING_DATASOURCE_URL");
        String database = url.substring(url.lastIndexOf('/') + 1);
        assertThat(url).startsWith("jdbc:postgresql://postgres:5432/");
        assertThat(database).isEqualTo(Repo.applicationYml(module).get("spring.datasource.url")
                .replaceAll(".*/", ""));
        String role = env.get("SPRING_DATASOURCE_USERNAME");
        assertThat(role).isEqualTo(database);
        String script = Repo.read(Repo.path("infra/compose/postgres/10-create-databases.sh"));
        String passwordVariable = database.toUpperCase() + "_DB_PASSWORD";
        assertThat(script).containsPattern("create " + database + "\\s+" + role + "\\s+\"\\$\\{" + passwordVariable + ":\\?}\"");
        // The service logs in with the password the database was initialised with.
        assertThat(env.get("SPRING_DATASOURCE_PASSWORD"))
                .isEqualTo(String.valueOf(map(services, "postgres", "environment").get(passwordVariable)));
    }

    @Test
    void theInitScriptIsMountedWhereThePostgresImageRunsIt() {
        assertThat(list(services, "postgres", "volumes")).contains(
                "./infra/compose/postgres/10-create-databases.sh:/docker-entrypoint-initdb.d/10-create-databases.sh:ro");
        assertThat(Files.isExecutable(Repo.path("infra/compose/postgres/10-create-databases.sh"))).isTrue();
        assertThat(string(services, "postgres", "healthcheck", "test")).contains("loa_notification");
    }

    @Test
    void namedVolumesAreDeclaredAndUsedAndBindMountsExist() {
        Set<String> declared = map(compose, "volumes").keySet();
        Set<String> used = new TreeSet<>();
        services.forEach((name, definition) -> {
            for (Object volume : list(definition, "volumes")) {
                // ${LOA_USERS_DIR:-./infra/compose/users}:…: the default is what must exist.
                String source = resolved(String.valueOf(volume)).split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(Repo.path(source.substring(2))).as(name + " mounts " + source).exists();
                } else {
                    used.add(source);
                }
            }
        });
        assertThat(used).containsExactlyInAnyOrderElementsOf(declared);
        assertThat(declared).contains("postgres-data", "kafka-data", "gateway-keys");
        // The gateway keeps its signing key on the volume, so tokens survive a restart.
        assertThat(list(services, "gateway", "volumes")).contains("gateway-keys:/var/lib/loa");
        assertThat(environment("gateway").get("LOA_AUTH_KEY_FILE")).startsWith("/var/lib/loa/");
        assertThat(map(services, "kafka", "environment")).containsEntry("KAFKA_LOG_DIRS", "/var/lib/kafka/data");
        assertThat(list(services, "kafka", "volumes")).contains("kafka-data:/var/lib/kafka/data");
    }

    @Test
    void hostPortsAreUnique() {
        List<String> hostPorts = new ArrayList<>();
        services.values().forEach(definition -> list(definition, "ports")
                .forEach(p -> hostPorts.add(String.valueOf(p).split(":")[0])));
        assertThat(hostPorts).doesNotHaveDuplicates();
    }

    @Test
    void createsEveryTopicAndItsDeadLetterTwinWithThePartitionsTheServicesDeclare() {
        Map<String, Object> init = map(services, "kafka-topics", "environment");
        assertThat(Arrays.asList(string(init, "LOA_TOPICS").split("\\s+"))).containsExactlyElementsOf(Topics.ALL);
        // The script Kubernetes' loa-topics Job runs too.
        assertThat(list(services, "kafka-topics", "volumes")).contains("./infra/k8s/base/kafka-init.sh:/opt/loa/kafka-init.sh:ro");
        assertThat(list(services, "kafka-topics", "entrypoint")).containsExactly("/bin/bash", "/opt/loa/kafka-init.sh");
        String script = KafkaAcls.script();
        assertThat(script).contains("\"${topic}-dlt\"", "--if-not-exists", "--partitions \"${LOA_TOPIC_PARTITIONS}\"",
                // reporting-service rebuilds its projections from the beginning of the topics
                "retention=-1", "--config \"retention.ms=${retention}\"", "--config \"max.message.bytes=${limit}\"",
                "--config unclean.leader.election.enable=false", "--config \"min.insync.replicas=${MIN_ISR}\"");
        assertThat(string(init, "LOA_TOPIC_MAX_MESSAGE_BYTES")).isEqualTo(String.valueOf(Topics.MAX_MESSAGE_BYTES));
        assertThat(string(init, "LOA_DLT_MAX_MESSAGE_BYTES")).isEqualTo(String.valueOf(Topics.DEAD_LETTER_MAX_MESSAGE_BYTES));
        String partitions = string(init, "LOA_TOPIC_PARTITIONS");
        assertThat(Integer.parseInt(partitions)).isPositive();
        for (String module : Repo.SERVICES.keySet()) {
            if (Repo.producesEvents(module)) {
                assertThat(environment(module)).containsEntry("LOA_MESSAGING_TOPICS_PARTITIONS", partitions)
                        .containsEntry("LOA_MESSAGING_TOPICS_REPLICATIONFACTOR", string(init, "LOA_TOPIC_REPLICATION_FACTOR"));
            }
        }
        assertThat(map(services, "kafka", "environment")).containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
    }

    @ParameterizedTest
    @MethodSource("modules")
    void theActuatorLivesOnAManagementPortThatIsNeitherPublishedNorRouted(String module) {
        int management = Repo.MANAGEMENT_PORTS.get(module);
        assertThat(environment(module)).containsEntry("MANAGEMENT_SERVER_PORT", String.valueOf(management));
        assertThat(management).isNotEqualTo(Repo.SERVICES.get(module));
        // Only the API port reaches the host.
        assertThat(list(services, module, "ports")).noneSatisfy(p -> assertThat(String.valueOf(p)).contains(":" + management));
        // The gateway's routes lead to the services' API ports, never to a management port.
        Map<String, String> gateway = environment("gateway");
        for (String target : List.of("LOA_PLAN_URI", "LOA_ACTIVITY_URI", "LOA_REPORTING_URI", "LOA_NOTIFICATION_URI")) {
            assertThat(gateway.get(target)).doesNotContain(":" + management).matches("http://[a-z-]+:808[1-4]");
        }
    }

    /**
     * The topics' record limits in kafka-init.sh (its defaults, and what compose and the Kubernetes Job give it)
     * are infra/messaging's constants: events {@link Topics#MAX_MESSAGE_BYTES}, dead letters
     * {@link Topics#DEAD_LETTER_MAX_MESSAGE_BYTES}; and a topic that exists already is altered to them.
     */
    @Test
    void theTopicInitSetsTheRecordLimitsOfTopicsAndAltersTopicsThatExistAlready() {
        String script = KafkaAcls.script();
        Matcher events = Pattern.compile("(?m)^MAX_MESSAGE_BYTES=\"\\$\\{LOA_TOPIC_MAX_MESSAGE_BYTES:-(\\d+)}\"$").matcher(script);
        Matcher deadLetters = Pattern.compile("(?m)^DLT_MAX_MESSAGE_BYTES=\"\\$\\{LOA_DLT_MAX_MESSAGE_BYTES:-(\\d+)}\"$").matcher(script);
        assertThat(events.find()).as("MAX_MESSAGE_BYTES with a default in kafka-init.sh").isTrue();
        assertThat(deadLetters.find()).as("DLT_MAX_MESSAGE_BYTES with a default in kafka-init.sh").isTrue();
        assertThat(Integer.parseInt(events.group(1))).isEqualTo(Topics.MAX_MESSAGE_BYTES);
        assertThat(Integer.parseInt(deadLetters.group(1))).isEqualTo(Topics.DEAD_LETTER_MAX_MESSAGE_BYTES);
        // -dlt twins get the dead-letter limit, the event topics the event limit.
        assertThat(script).contains("limit=\"$MAX_MESSAGE_BYTES\"",
                "[[ \"${name}\" == *-dlt ]] && { retention=2592000000; limit=\"$DLT_MAX_MESSAGE_BYTES\"; }");
        // Existing topics: read from one describe, altered when their max.message.bytes differs.
        assertThat(script).contains("config_of \"$line\" max.message.bytes", "--entity-type topics --entity-name \"${name}\" --add-config \"max.message.bytes=${limit}\"");
        // The producers' request limit stays below the topics' (a record the producer sends, the broker takes).
        assertThat(Topics.MAX_RECORD_BYTES).isLessThan(Topics.MAX_MESSAGE_BYTES);
        assertThat(Topics.DEAD_LETTER_MAX_MESSAGE_BYTES).isGreaterThan(Topics.MAX_MESSAGE_BYTES);
        // The Kubernetes Job gives the same values.
        Map<String, Object> job = Kustomize.load(Repo.path("infra/k8s/base")).find("Job", "loa-topics").orElseThrow();
        Map<String, String> env = new LinkedHashMap<>();
        for (Object e : list(list(job, "spec", "template", "spec", "containers").get(0), "env")) {
            if (string(e, "value") != null) {
                env.put(string(e, "name"), string(e, "value"));
            }
        }
        assertThat(env).containsEntry("LOA_TOPIC_MAX_MESSAGE_BYTES", String.valueOf(Topics.MAX_MESSAGE_BYTES))
                .containsEntry("LOA_DLT_MAX_MESSAGE_BYTES", String.valueOf(Topics.DEAD_LETTER_MAX_MESSAGE_BYTES));
    }

    /**
     * Without infra/compose/demo.yml the gateway has an identity source an operator supplies (issue 15): the users
     * file, mounted from a directory of its own where git ignores it; demo users only with the demo override.
     */
    @Test
    void theGatewayHasAnIdentitySourceWithoutTheDemoOverride() {
        Map<String, String> gateway = environment("gateway");
        assertThat(resolved(gateway.get("LOA_DEMODATA_ENABLED"))).isEqualTo("false");
        assertThat(gateway).doesNotContainKey("LOA_AUTH_ISSUER_ENABLED");
        String usersFile = resolved(gateway.get("LOA_AUTH_USERS_FILE"));
        assertThat(usersFile).isEqualTo("/etc/loa/users/users.yml");
        // The directory is mounted (not the file: an edited file reaches the gateway), from the repository's
        // infra/compose/users unless LOA_USERS_DIR names another; users.yml there is never committed.
        String mount = list(services, "gateway", "volumes").stream().map(String::valueOf)
                .filter(v -> v.contains(":/etc/loa/users:")).findFirst().orElseThrow();
        assertThat(mount).isEqualTo("${LOA_USERS_DIR:-./infra/compose/users}:/etc/loa/users:ro");
        assertThat(usersFile).startsWith("/etc/loa/users/");
        assertThat(Repo.read(Repo.path("infra/compose/users/.gitignore"))).containsPattern("(?m)^users\\.yml$");
        // The example shows the format the gateway reads; its placeholder hashes are not BCrypt, so a copy of it
        // as it is cannot start a gateway.
        Map<String, Object> example = Repo.yamlMap(Repo.path("infra/compose/users/users.example.yml"));
        assertThat(list(example, "users")).isNotEmpty().allSatisfy(user -> {
            assertThat(map(user).keySet()).containsExactlyInAnyOrder("username", "password-hash", "roles", "org-unit");
            assertThat(string(user, "password-hash")).doesNotMatch("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");
        });
        // The demo override: demo users, no users file needed.
        Map<String, Object> demo = map(Repo.yamlMap(Repo.path("infra/compose/demo.yml")), "services", "gateway", "environment");
        assertThat(demo).containsEntry("LOA_DEMODATA_ENABLED", "true").containsEntry("LOA_AUTH_USERS_FILE", "${LOA_AUTH_USERS_FILE:-}");
    }

    /**
     * activity-service's evidence files outlive its container: a named volume at /var/lib/loa (where the image's
     * user owns the directory, so a new volume takes that owner) holds the filesystem store's directory.
     */
    @Test
    void evidenceFilesAreKeptOnAVolumeOfTheirOwn() {
        Map<String, String> activity = environment("activity-service");
        assertThat(resolved(activity.get("LOA_EVIDENCE_STORAGE"))).isEqualTo("filesystem");
        String directory = activity.get("LOA_EVIDENCE_DIRECTORY");
        String mount = list(services, "activity-service", "volumes").stream().map(String::valueOf)
                .filter(v -> v.startsWith("activity-evidence:")).findFirst().orElseThrow();
        String target = mount.substring("activity-evidence:".length());
        assertThat(directory).startsWith(target + "/");
        assertThat(map(compose, "volumes")).containsKey("activity-evidence");
        // The runtime image makes that directory its user's.
        assertThat(Repo.read(Repo.path("activity-service/Dockerfile"))).contains("mkdir -p /app " + target, "chown loa:loa /app " + target);
        assertThat(Repo.applicationYml("activity-service")).containsEntry("loa.evidence.filesystem.directory",
                "${LOA_EVIDENCE_DIRECTORY:.loa/evidence}");
    }

    /**
     * No fixed container addresses: the gateway re-resolves the services' names with a short TTL (its
     * loa.gateway.dns.max-ttl), so a restarted container's new address is used within seconds.
     */
    @Test
    void containersHaveNoFixedAddressesAndTheGatewayResolvesNamesWithAShortTtl() {
        for (String file : List.of("docker-compose.yml", "infra/compose/kafka-cluster.yml", "infra/compose/demo.yml")) {
            assertThat(Repo.read(Repo.path(file))).as(file).doesNotContain("ipv4_address");
        }
        assertThat(compose).doesNotContainKey("networks");
        long ttl = seconds(Repo.applicationYml("gateway").get("loa.gateway.dns.max-ttl"));
        assertThat(ttl).isBetween(1L, 30L);
    }

    @Test
    void prometheusScrapesEveryServiceWhereItExposesMetrics() {
        Map<String, Object> prometheus = Repo.yamlMap(Repo.path("infra/compose/prometheus/prometheus.yml"));
        Set<String> targets = new TreeSet<>();
        for (Object job : list(prometheus, "scrape_configs")) {
            assertThat(string(job, "metrics_path")).isEqualTo("/actuator/prometheus");
            for (Object config : list(job, "static_configs")) {
                list(config, "targets").forEach(t -> targets.add(String.valueOf(t)));
            }
        }
        // The management ports: /actuator/prometheus is open there (on the API ports it needs OPERATOR).
        assertThat(targets).containsExactlyInAnyOrderElementsOf(Repo.MANAGEMENT_PORTS.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue()).toList());
        for (String module : Repo.SERVICES.keySet()) {
            assertThat(Repo.applicationYml(module).get("management.endpoints.web.exposure.include")).contains("prometheus");
        }
    }

    @Test
    void grafanaIsProvisionedWithPrometheusAndTheLoaDashboard() throws IOException {
        Map<String, Object> datasources = Repo.yamlMap(Repo.path("infra/compose/grafana/provisioning/datasources/prometheus.yml"));
        Object datasource = list(datasources, "datasources").get(0);
        assertThat(string(datasource, "url")).isEqualTo("http://prometheus:9090");
        Map<String, Object> providers = Repo.yamlMap(Repo.path("infra/compose/grafana/provisioning/dashboards/loa.yml"));
        String dashboardDir = string(list(providers, "providers").get(0), "options", "path");
        assertThat(list(services, "grafana", "volumes")).contains("./infra/compose/grafana/dashboards:" + dashboardDir + ":ro");

        JsonNode dashboard = JsonMapper.builder().build().readTree(Repo.read(Repo.path("infra/compose/grafana/dashboards/loa.json")));
        List<String> expressions = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            titles.add(panel.get("title").asString());
            if (panel.has("targets")) {
                for (JsonNode target : panel.get("targets")) {
                    assertThat(target.get("datasource").get("uid").asString()).isEqualTo(string(datasource, "uid"));
                    expressions.add(target.get("expr").asString());
                }
            }
        }
        assertThat(String.join("\n", titles).toLowerCase())
                .contains("request rate", "latency", "outbox backlog", "publish latency", "consumer lag", "dead letters",
                        "deliveries");
        // Every Loa metric the dashboard asks for is one the code registers.
        Set<String> loaMetrics = new TreeSet<>();
        Matcher m = Pattern.compile("\\bloa_[a-z_]+").matcher(String.join("\n", expressions));
        while (m.find()) {
            loaMetrics.add(m.group());
        }
        assertThat(loaMetrics).isNotEmpty();
        String sources = javaSources();
        for (String metric : loaMetrics) {
            String meter = metric.replaceAll("_(total|seconds_bucket|seconds_count|seconds_sum|seconds)$", "").replace('_', '.');
            assertThat(sources).as("a meter named %s is registered (for %s)", meter, metric).contains("\"" + meter + "\"");
        }
        assertThat(String.join("\n", expressions)).contains("http_server_requests_seconds_bucket",
                "kafka_consumer_fetch_manager_records_lag_max");
    }

    @Test
    void theMailProfilePointsNotificationServiceAtMailpit() {
        Map<String, String> mailEnv = new LinkedHashMap<>();
        for (String line : Repo.read(Repo.path("infra/compose/mail.env")).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                mailEnv.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        assertThat(mailEnv).containsEntry("COMPOSE_PROFILES", "mail").containsEntry("LOA_MAIL_EMBEDDED_ENABLED", "false")
                .containsEntry("LOA_SMTP_HOST", "mailpit");
        assertThat(list(services, "mailpit", "ports")).contains(mailEnv.get("LOA_SMTP_PORT") + ":" + mailEnv.get("LOA_SMTP_PORT"));
        Map<String, String> env = environment("notification-service");
        assertThat(env).containsEntry("SPRING_MAIL_HOST", "${LOA_SMTP_HOST:-localhost}")
                .containsEntry("SPRING_MAIL_PORT", "${LOA_SMTP_PORT:-3025}")
                .containsEntry("LOA_MAIL_EMBEDDED_ENABLED", "${LOA_MAIL_EMBEDDED_ENABLED:-true}");
        // Without the profile, the embedded GreenMail listens where the default points.
        assertThat(Repo.applicationYml("notification-service")).containsEntry("loa.mail.embedded.smtp-port", "3025");
        assertThat(string(map(services, "notification-service", "depends_on"), "mailpit", "required")).isEqualTo("false");
    }

    @Test
    void demoModeIsOffUnlessTheDemoOverrideTurnsItOnForEveryServiceAndTheGateway() {
        Map<String, Object> demo = Repo.yamlMap(Repo.path("infra/compose/demo.yml"));
        for (String module : Repo.SERVICES.keySet()) {
            assertThat(resolved(environment(module).get("LOA_DEMODATA_ENABLED"))).as(module).isEqualTo("false");
            assertThat(map(demo, "services", module, "environment")).as(module + " in demo.yml")
                    .containsEntry("LOA_DEMODATA_ENABLED", "true");
        }
        assertThat(map(demo, "services").keySet()).containsExactlyInAnyOrderElementsOf(Repo.SERVICES.keySet());
    }

    @Test
    void theGatewayTrustsNoForwardedHeaderUnlessTheOperatorNamesItsProxies() {
        assertThat(environment("gateway")).containsEntry("LOA_GATEWAY_TRUSTED_PROXIES", "${LOA_GATEWAY_TRUSTED_PROXIES:-}");
    }

    @ParameterizedTest
    @MethodSource("modules")
    void eachServiceSignsInToKafkaAsItsOwnPrincipalWithTheCredentialTheBrokerWasFormattedWith(String module) {
        if (!Repo.producesEvents(module)) {
            assertThat(environment(module)).doesNotContainKey("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG");
            return;
        }
        Map<String, String> env = environment(module);
        assertThat(env).containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
        Matcher jaas = Pattern.compile("ScramLoginModule required username=\"([^\"]+)\" password=\"(\\$\\{[^}]+})\";")
                .matcher(env.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"));
        assertThat(jaas.find()).as(env.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")).isTrue();
        assertThat(jaas.group(1)).isEqualTo(module);
        String variable = "LOA_KAFKA_" + module.replace("-service", "").toUpperCase() + "_PASSWORD";
        assertThat(jaas.group(2)).startsWith("${" + variable + ":-");
        // The broker's start script formats the same user with the same password.
        assertThat(map(services, "kafka", "environment")).containsEntry(variable, jaas.group(2));
        assertThat(Repo.read(Repo.path("infra/compose/kafka/start.sh")))
                .contains("scram " + module + " \"$" + variable + "\"");
    }

    @Test
    void theBrokerAuthenticatesEveryClientAndAuthorisesByAcl() {
        Map<String, Object> kafka = map(services, "kafka", "environment");
        assertThat(kafka).containsEntry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
                .containsEntry("KAFKA_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512")
                .containsEntry("KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE", "false");
        // Every listener a container or the host can reach is SASL; the controller only on the container's loopback.
        String map = string(kafka, "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP");
        for (String listener : string(kafka, "KAFKA_LISTENERS").split(",")) {
            String name = listener.substring(0, listener.indexOf(':'));
            if (name.equals("CONTROLLER")) {
                assertThat(listener).isEqualTo("CONTROLLER://127.0.0.1:9093");
            } else {
                assertThat(map).contains(name + ":SASL_PLAINTEXT");
            }
        }
        assertThat(list(services, "kafka", "volumes")).contains("./infra/compose/kafka/start.sh:/opt/loa/kafka-start.sh:ro");
        assertThat(string(services, "kafka", "healthcheck", "test")).contains("/dev/tcp/127.0.0.1/9092");
    }

    static long seconds(String duration) {
        Matcher m = Pattern.compile("(\\d+)s").matcher(duration);
        assertThat(m.matches()).as("a duration in seconds: " + duration).isTrue();
        return Long.parseLong(m.group(1));
    }

    static String javaSources() {
        StringBuilder all = new StringBuilder();
        for (String dir : List.of("infra/messaging", "notification-service", "plan-service", "activity-service",
                "reporting-service", "gateway")) {
            try (Stream<Path> files = Files.walk(Repo.path(dir + "/src/main/java"))) {
                all.append(files.filter(f -> f.toString().endsWith(".java")).map(Repo::read)
                        .collect(Collectors.joining("\n")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all.toString();
    }
}
