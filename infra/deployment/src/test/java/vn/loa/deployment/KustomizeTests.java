package vn.loa.deployment;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.loa.messaging.Topics;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.deployment.Repo.at;
import static vn.loa.deployment.Repo.list;
import static vn.loa.deployment.Repo.map;
import static vn.loa.deployment.Repo.string;

/** infra/k8s: a Kustomize base and an example overlay, checked against the services and the compose file. */
class KustomizeTests {

    static Kustomize base;
    static Kustomize overlay;
    static Map<String, Object> config;

    /** Secrets the base names but leaves to an external store or the operator (base/config.yaml). */
    static final Set<String> EXTERNAL_SECRETS = Set.of("loa-gateway", "loa-gateway-users", "loa-kafka-plan", "loa-kafka-activity",
            "loa-kafka-reporting", "loa-kafka-notification", "loa-kafka-admin", "loa-kafka-ca", "loa-evidence-s3");

    @BeforeAll
    static void load() {
        base = Kustomize.load(Repo.path("infra/k8s/base"));
        overlay = Kustomize.load(Repo.path("infra/k8s/overlays/example"));
        config = map(base.find("ConfigMap", "loa-config").orElseThrow(), "data");
    }

    static Stream<String> modules() {
        return Repo.SERVICES.keySet().stream().sorted();
    }

    private static Map<String, Object> container(String module) {
        Map<String, Object> deployment = base.find("Deployment", module).orElseThrow();
        List<Object> containers = list(deployment, "spec", "template", "spec", "containers");
        assertThat(containers).hasSize(1);
        return map(containers.get(0));
    }

    @Test
    void theBaseHasOneDeploymentServiceHpaAndPdbPerServiceAndItsConfiguration() {
        assertThat(string(base.kustomization(), "namespace")).isEqualTo("loa");
        for (String kind : List.of("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget")) {
            assertThat(base.ofKind(kind).stream().map(r -> string(r, "metadata", "name")))
                    .as(kind).containsExactlyInAnyOrderElementsOf(Repo.SERVICES.keySet());
        }
        assertThat(base.find("ConfigMap", "loa-config")).isPresent();
        assertThat(base.ofKind("Secret")).isNotEmpty();
        assertThat(base.ofKind("NetworkPolicy")).isNotEmpty();
        assertThat(base.find("Job", "loa-topics")).isPresent();
    }

    @ParameterizedTest
    @MethodSource("modules")
    void everyDeploymentProbesLivenessAndReadinessOnItsManagementPort(String module) {
        Map<String, Object> c = container(module);
        int port = Repo.SERVICES.get(module);
        int management = Repo.MANAGEMENT_PORTS.get(module);
        assertThat(list(c, "ports")).extracting(p -> at(p, "name"), p -> at(p, "containerPort"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("http", port),
                        org.assertj.core.groups.Tuple.tuple("management", management));
        // The actuator moves to the management port (open there); the probes ask it there.
        assertThat(list(c, "env")).anySatisfy(e -> {
            assertThat(string(e, "name")).isEqualTo("MANAGEMENT_SERVER_PORT");
            assertThat(string(e, "value")).isEqualTo(String.valueOf(management));
        });
        assertThat(string(c, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        assertThat(string(c, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
        assertThat(string(c, "startupProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(string(c, probe, "httpGet", "port")).as(probe).isEqualTo("management");
        }
        assertThat(Repo.applicationYml(module)).containsEntry("management.endpoint.health.probes.enabled", "true");
        // Prometheus is pointed at the management port too.
        Map<String, Object> annotations = map(base.find("Deployment", module).orElseThrow(), "spec", "template", "metadata",
                "annotations");
        assertThat(annotations).containsEntry("prometheus.io/port", String.valueOf(management))
                .containsEntry("prometheus.io/path", "/actuator/prometheus");
        // The Service sends the shared port to the container, and only that one: nothing routes to management.
        Map<String, Object> service = base.find("Service", module).orElseThrow();
        assertThat(list(service, "spec", "ports")).singleElement()
                .satisfies(p -> assertThat(at(p, "port")).isEqualTo(port))
                .satisfies(p -> assertThat(at(p, "targetPort")).isEqualTo("http"));
        assertThat(map(service, "spec", "selector")).isEqualTo(map(base.find("Deployment", module).orElseThrow(),
                "spec", "selector", "matchLabels"));
        assertThat(string(c, "image")).isEqualTo("loa/" + module + ":0.1.0");
        assertThat(string(c, "resources", "limits", "memory")).isNotBlank();
    }

    /**
     * Without demo mode the gateway has an identity source an operator supplies (issue 15): the users file of the
     * Secret loa-gateway-users, mounted as a directory (a changed Secret reaches the pod), readable by the gateway's
     * group only; the example overlay takes it from the province's store like the signing key.
     */
    @Test
    void theGatewayReadsItsUsersFromASecretAndTheExampleOverlayTakesItFromTheStore() {
        Map<String, Object> c = container("gateway");
        String usersFile = list(c, "env").stream().filter(e -> "LOA_AUTH_USERS_FILE".equals(string(e, "name")))
                .map(e -> string(e, "value")).findFirst().orElseThrow();
        Object mount = list(c, "volumeMounts").stream().filter(m -> usersFile.startsWith(string(m, "mountPath") + "/"))
                .findFirst().orElseThrow();
        assertThat(at(mount, "subPath")).as("no subPath: the kubelet updates a mounted Secret only without one").isNull();
        assertThat(at(mount, "readOnly")).isEqualTo(true);
        Map<String, Object> pod = map(base.find("Deployment", "gateway").orElseThrow(), "spec", "template", "spec");
        Object volume = list(pod, "volumes").stream().filter(v -> string(mount, "name").equals(string(v, "name")))
                .findFirst().orElseThrow();
        assertThat(string(volume, "secret", "secretName")).isEqualTo("loa-gateway-users");
        assertThat(list(volume, "secret", "items")).singleElement().satisfies(item -> {
            assertThat(string(item, "key")).isEqualTo("users.yml");
            assertThat(usersFile).isEqualTo(string(mount, "mountPath") + "/" + string(item, "path"));
        });
        assertThat(at(volume, "secret", "defaultMode")).isEqualTo(0440);
        assertThat(at(pod, "securityContext", "fsGroup")).isEqualTo(at(pod, "securityContext", "runAsGroup"));
        // Demo users stay off; the built-in issuer is on (an OIDC overlay would turn it off and name the provider).
        assertThat(config).containsEntry("LOA_DEMODATA_ENABLED", "false").doesNotContainKey("LOA_AUTH_ISSUER_ENABLED");
        assertThat(overlay.ofKind("ExternalSecret")).anySatisfy(s -> {
            assertThat(string(s, "spec", "target", "name")).isEqualTo("loa-gateway-users");
            assertThat(list(s, "spec", "data")).singleElement()
                    .satisfies(d -> assertThat(string(d, "secretKey")).isEqualTo("users.yml"));
        });
    }

    /**
     * activity-service runs two replicas or more: its evidence files go to the S3 store of loa-config (shared, kept),
     * never to a pod's own disk; its keys from the optional Secret loa-evidence-s3, which the example overlay takes
     * from the province's store. The podman overlay (one machine, no S3) keeps them on the pod's disk.
     */
    @Test
    void activityServiceKeepsEvidenceFilesInTheS3StoreItsReplicasShare() {
        assertThat(config).containsEntry("LOA_EVIDENCE_STORAGE", "s3").containsKeys("LOA_EVIDENCE_S3_ENDPOINT",
                "LOA_EVIDENCE_S3_BUCKET", "LOA_EVIDENCE_S3_REGION");
        assertThat(Repo.applicationYml("activity-service")).containsEntry("loa.evidence.storage", "${LOA_EVIDENCE_STORAGE:filesystem}")
                .containsEntry("loa.evidence.s3.endpoint", "${LOA_EVIDENCE_S3_ENDPOINT:}")
                .containsEntry("loa.evidence.s3.bucket", "${LOA_EVIDENCE_S3_BUCKET:loa-evidence}");
        Map<String, Object> c = container("activity-service");
        assertThat(list(c, "envFrom")).anySatisfy(f -> {
            assertThat(string(f, "secretRef", "name")).isEqualTo("loa-evidence-s3");
            assertThat(at(f, "secretRef", "optional")).isEqualTo(true);
        });
        assertThat(list(c, "env")).noneSatisfy(e -> assertThat(string(e, "name")).startsWith("LOA_EVIDENCE_"));
        assertThat(overlay.ofKind("ExternalSecret")).anySatisfy(s -> {
            assertThat(string(s, "spec", "target", "name")).isEqualTo("loa-evidence-s3");
            assertThat(list(s, "spec", "data")).extracting(d -> string(d, "secretKey"))
                    .containsExactlyInAnyOrder("LOA_EVIDENCE_S3_ACCESS_KEY", "LOA_EVIDENCE_S3_SECRET_KEY");
        });
        Map<String, Object> podman = Repo.yamlMap(Repo.path("infra/k8s/overlays/podman/kustomization.yaml"));
        assertThat(list(list(podman, "configMapGenerator").get(0), "literals")).contains("LOA_EVIDENCE_STORAGE=filesystem");
    }

    @ParameterizedTest
    @MethodSource("modules")
    void everyDeploymentHasAnHpaAndAPdbThatSelectIt(String module) {
        Map<String, Object> deployment = base.find("Deployment", module).orElseThrow();
        assertThat(at(deployment, "spec", "replicas")).as("the HPA owns the replica count").isNull();
        Map<String, Object> podLabels = map(deployment, "spec", "template", "metadata", "labels");
        Map<String, Object> hpa = base.find("HorizontalPodAutoscaler", module).orElseThrow();
        assertThat(string(hpa, "spec", "scaleTargetRef", "kind")).isEqualTo("Deployment");
        assertThat(string(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(module);
        assertThat((Integer) at(hpa, "spec", "minReplicas")).isGreaterThanOrEqualTo(2);
        Map<String, Object> pdb = base.find("PodDisruptionBudget", module).orElseThrow();
        assertThat(podLabels).containsAllEntriesOf(map(pdb, "spec", "selector", "matchLabels"));
        // minAvailable below minReplicas, or a node drain could never evict a pod.
        assertThat((Integer) at(pdb, "spec", "minAvailable")).isLessThan((Integer) at(hpa, "spec", "minReplicas"));
    }

    @ParameterizedTest
    @MethodSource("modules")
    void everyDeploymentGetsEverySettingItsConfigurationNeeds(String module) {
        Map<String, Object> c = container(module);
        Set<String> given = new HashSet<>();
        for (Object source : list(c, "envFrom")) {
            String configMap = string(source, "configMapRef", "name");
            String secret = string(source, "secretRef", "name");
            if (configMap != null) {
                given.addAll(map(base.find("ConfigMap", configMap).orElseThrow(), "data").keySet());
            }
            if (secret != null && EXTERNAL_SECRETS.contains(secret)) {
                // Only an optional one (loa-evidence-s3: the AWS SDK's own chain may stand in for it).
                assertThat(at(source, "secretRef", "optional")).as("%s's envFrom of %s", module, secret).isEqualTo(true);
            } else if (secret != null) {
                given.addAll(map(base.find("Secret", secret).orElseThrow(), "stringData").keySet());
            }
        }
        for (Object env : list(c, "env")) {
            given.add(string(env, "name"));
            String secret = string(env, "valueFrom", "secretKeyRef", "name");
            if (secret != null && !EXTERNAL_SECRETS.contains(secret)) {
                assertThat(map(base.find("Secret", secret).orElseThrow(), "stringData"))
                        .containsKey(string(env, "valueFrom", "secretKeyRef", "key"));
            }
        }
        for (Set<String> alternatives : Repo.requiredSettings(module)) {
            assertThat(alternatives).as("%s needs one of %s", module, alternatives).containsAnyElementsOf(given);
        }
        assertThat(given).contains("SERVER_PORT");
        if (!module.equals("gateway")) {
            assertThat(given).contains("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");
        }
    }

    @ParameterizedTest
    @MethodSource("modules")
    void theGracePeriodCoversPreStopAndSpringsShutdownPhases(String module) {
        Map<String, Object> deployment = base.find("Deployment", module).orElseThrow();
        int grace = (Integer) at(deployment, "spec", "template", "spec", "terminationGracePeriodSeconds");
        int preStop = (Integer) at(container(module), "lifecycle", "preStop", "sleep", "seconds");
        long phase = ComposeTests.seconds(Repo.applicationYml(module).get("spring.lifecycle.timeout-per-shutdown-phase"));
        assertThat(Repo.applicationYml(module)).containsEntry("server.shutdown", "graceful");
        // The web server's phase, then the listener containers' and the relay's.
        assertThat((long) grace).isGreaterThan(preStop + 2 * phase);
    }

    @Test
    void topicsAndPartitionsAgreeWithComposeAndTheServices() {
        Map<String, Object> job = base.find("Job", "loa-topics").orElseThrow();
        Map<String, Object> c = map(list(job, "spec", "template", "spec", "containers").get(0));
        String topics = list(c, "env").stream().filter(e -> "LOA_TOPICS".equals(string(e, "name")))
                .map(e -> string(e, "value")).findFirst().orElseThrow();
        assertThat(Arrays.asList(topics.split("\\s+"))).containsExactlyElementsOf(Topics.ALL);
        // The script compose runs too, from a ConfigMap generated of it.
        assertThat(list(c, "command")).containsExactly("/bin/bash", "/opt/loa/kafka-init.sh");
        assertThat(list(base.kustomization(), "configMapGenerator")).anySatisfy(g -> {
            assertThat(string(g, "name")).isEqualTo("loa-kafka-init");
            assertThat(list(g, "files")).containsExactly("kafka-init.sh");
        });
        Map<String, String> fromConfig = new java.util.HashMap<>();
        for (Object env : list(c, "env")) {
            String key = string(env, "valueFrom", "configMapKeyRef", "key");
            if (key != null) {
                assertThat(string(env, "valueFrom", "configMapKeyRef", "name")).isEqualTo("loa-config");
                assertThat(config).containsKey(key);
                fromConfig.put(string(env, "name"), key);
            }
        }
        // The topics' record limits: ComposeTests.theTopicInitSetsTheRecordLimitsOfTopicsAndAltersTopicsThatExistAlready.
        assertThat(fromConfig).containsEntry("LOA_TOPIC_PARTITIONS", "LOA_MESSAGING_TOPICS_PARTITIONS")
                .containsEntry("LOA_TOPIC_REPLICATION_FACTOR", "LOA_MESSAGING_TOPICS_REPLICATIONFACTOR")
                .containsEntry("LOA_KAFKA_BOOTSTRAP", "SPRING_KAFKA_BOOTSTRAP_SERVERS");
        // One partition count everywhere: compose's topic init, compose's services, the cluster's.
        String composePartitions = string(ComposeTests.parseCompose(), "services", "kafka-topics", "environment",
                "LOA_TOPIC_PARTITIONS");
        assertThat(config).containsEntry("LOA_MESSAGING_TOPICS_PARTITIONS", composePartitions);
        assertThat(Integer.parseInt(String.valueOf(config.get("LOA_MESSAGING_TOPICS_REPLICATIONFACTOR")))).isGreaterThanOrEqualTo(3);
    }

    @Test
    void noConsumerScalesBeyondThePartitionsOfItsTopics() {
        int partitions = Integer.parseInt(String.valueOf(config.get("LOA_MESSAGING_TOPICS_PARTITIONS")));
        for (String module : Repo.SERVICES.keySet()) {
            if (!Repo.consumesKafka(module)) {
                continue;
            }
            Map<String, Object> hpa = base.find("HorizontalPodAutoscaler", module).orElseThrow();
            assertThat((Integer) at(hpa, "spec", "maxReplicas")).as(module).isLessThanOrEqualTo(partitions);
            for (Map<String, Object> patch : overlay.patches()) {
                if ("HorizontalPodAutoscaler".equals(patch.get("kind")) && module.equals(string(patch, "metadata", "name"))
                        && at(patch, "spec", "maxReplicas") != null) {
                    assertThat((Integer) at(patch, "spec", "maxReplicas")).as(module + " in the overlay")
                            .isLessThanOrEqualTo(partitions);
                }
            }
        }
    }

    @Test
    void theExampleOverlayBuildsOnTheBaseAndOnlyPatchesWhatExists() {
        assertThat(list(overlay.kustomization(), "resources")).startsWith("../../base");
        assertThat(overlay.resources()).containsAll(base.resources());
        assertThat(string(overlay.kustomization(), "namespace")).isEqualTo("loa");
        for (Map<String, Object> patch : overlay.patches()) {
            String kind = String.valueOf(patch.get("kind"));
            String name = string(patch, "metadata", "name");
            assertThat(base.find(kind, name)).as("patch target %s/%s", kind, name).isPresent();
            for (Object c : list(patch, "spec", "template", "spec", "containers")) {
                assertThat(string(c, "name")).isEqualTo(name);
            }
        }
        // Every image gets the province's registry and a tag.
        Set<String> images = new TreeSet<>();
        for (Object image : list(overlay.kustomization(), "images")) {
            images.add(string(image, "name"));
            assertThat(string(image, "newTag")).isNotBlank();
        }
        assertThat(images).containsExactlyInAnyOrderElementsOf(Repo.SERVICES.keySet().stream().map(s -> "loa/" + s).toList());
        // Generators replace or merge what the base defines, nothing else.
        for (Object generator : list(overlay.kustomization(), "configMapGenerator")) {
            assertThat(base.find("ConfigMap", string(generator, "name"))).isPresent();
        }
        for (Object generator : list(overlay.kustomization(), "secretGenerator")) {
            assertThat(base.find("Secret", string(generator, "name"))).isPresent();
            assertThat(string(generator, "behavior")).isEqualTo("replace");
            // Nothing that must first be made by hand: literals only, no files.
            assertThat(list(generator, "files")).isEmpty();
        }
        // The secrets the base leaves out come from the province's stores.
        assertThat(overlay.ofKind("ExternalSecret")).extracting(s -> string(s, "spec", "target", "name"))
                .containsExactlyInAnyOrderElementsOf(EXTERNAL_SECRETS);
        assertThat(base.ofKind("Secret")).extracting(s -> string(s, "metadata", "name")).doesNotContainAnyElementsOf(EXTERNAL_SECRETS);
    }

    @ParameterizedTest
    @MethodSource("modules")
    void eachServiceReachesKafkaOverTlsAsItsOwnPrincipal(String module) {
        assertThat(config).containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512")
                .containsEntry("SPRING_KAFKA_SSL_TRUST_STORE_TYPE", "PEM");
        Map<String, Object> c = container(module);
        Map<String, String> secrets = new java.util.HashMap<>();
        for (Object env : list(c, "env")) {
            if (string(env, "valueFrom", "secretKeyRef", "name") != null) {
                secrets.put(string(env, "name"), string(env, "valueFrom", "secretKeyRef", "name"));
            }
        }
        if (!Repo.producesEvents(module)) {
            assertThat(secrets).doesNotContainKey("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG");
            return;
        }
        assertThat(secrets).containsEntry("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG",
                "loa-kafka-" + module.replace("-service", ""));
        String trustStore = String.valueOf(config.get("SPRING_KAFKA_SSL_TRUST_STORE_LOCATION")).replace("file:", "");
        assertThat(list(c, "volumeMounts")).anySatisfy(m ->
                assertThat(trustStore).startsWith(string(m, "mountPath") + "/"));
    }

    @Test
    void demoModeIsOffAndNoForwardedHeaderIsTrustedUnlessAnOverlayNamesItsProxies() {
        assertThat(config).containsEntry("LOA_DEMODATA_ENABLED", "false").containsEntry("LOA_GATEWAY_TRUSTED_PROXIES", "");
        String merged = String.valueOf(list(overlay.kustomization(), "configMapGenerator"));
        assertThat(merged).contains("LOA_GATEWAY_TRUSTED_PROXIES=").doesNotContain("LOA_DEMODATA_ENABLED=true");
        assertThat(overlay.ofKind("Ingress")).singleElement().satisfies(ingress -> {
            Object path = list(list(ingress, "spec", "rules").get(0), "http", "paths").get(0);
            assertThat(string(path, "backend", "service", "name")).isEqualTo("gateway");
            assertThat(at(path, "backend", "service", "port", "number")).isEqualTo(8080);
        });
        // The Ingress leads only to the gateway's API port, never to a management port.
        String ingress = String.valueOf(overlay.ofKind("Ingress"));
        Repo.MANAGEMENT_PORTS.values().forEach(p -> assertThat(ingress).doesNotContain(String.valueOf(p)));
    }
}
