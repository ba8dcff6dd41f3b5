package vn.loa.deployment;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.deployment.Repo.at;
import static vn.loa.deployment.Repo.list;
import static vn.loa.deployment.Repo.map;
import static vn.loa.deployment.Repo.string;

/**
 * Issue 20: the base, the example overlay and the Kafka example render with {@code kubectl kustomize} exactly
 * as committed (no key file to make first), and the rendered NetworkPolicies let each service reach only
 * PostgreSQL, Kafka and what it calls. Skipped, with a message, where kubectl is not installed.
 */
class KubectlRenderTests {

    static String kubectl;

    @BeforeAll
    static void findKubectl() {
        kubectl = Set.of("/usr/bin/kubectl", "/usr/local/bin/kubectl").stream().filter(p -> Files.isExecutable(Path.of(p)))
                .findFirst().orElse(null);
        Assumptions.assumeTrue(kubectl != null, "kubectl is not installed: the Kustomize render checks are skipped");
    }

    private static final Map<String, List<Map<String, Object>>> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();

    /** kubectl kustomize of a directory, once per directory (each call costs a few seconds here). */
    static List<Map<String, Object>> render(String directory) {
        return RENDERED.computeIfAbsent(directory, KubectlRenderTests::kustomize);
    }

    private static List<Map<String, Object>> kustomize(String directory) {
        try {
            Path out = Files.createTempFile("loa-kustomize", ".yaml");
            Process process = new ProcessBuilder(kubectl, "kustomize", Repo.path(directory).toString())
                    .redirectOutput(out.toFile()).redirectErrorStream(false).start();
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("kubectl kustomize %s: %s", directory, errors).isZero();
            List<Map<String, Object>> documents = Repo.yamlDocuments(out);
            Files.delete(out);
            return documents;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Integer> kinds(List<Map<String, Object>> documents) {
        Map<String, Integer> kinds = new TreeMap<>();
        documents.forEach(d -> kinds.merge(String.valueOf(d.get("kind")), 1, Integer::sum));
        return kinds;
    }

    @Test
    void theBaseTheExampleOverlayAndTheKafkaExampleRenderAsCommitted() {
        List<Map<String, Object>> base = render("infra/k8s/base");
        List<Map<String, Object>> overlay = render("infra/k8s/overlays/example");
        List<Map<String, Object>> kafka = render("infra/k8s/kafka");
        assertThat(kinds(base)).containsEntry("Deployment", 5).containsEntry("Service", 5)
                .containsEntry("HorizontalPodAutoscaler", 5).containsEntry("PodDisruptionBudget", 5)
                .containsEntry("Job", 1).containsKey("NetworkPolicy");
        assertThat(kinds(overlay)).containsEntry("Ingress", 1).containsKey("ExternalSecret");
        assertThat(kinds(kafka)).containsEntry("Kafka", 1).containsEntry("KafkaUser", 5);
        // Everything but the Namespace itself lands in namespace loa, the overlay's own resources included.
        for (Map<String, Object> document : overlay) {
            if (!"Namespace".equals(document.get("kind"))) {
                assertThat(string(document, "metadata", "namespace")).as(document.get("kind") + " "
                        + string(document, "metadata", "name")).isEqualTo("loa");
            }
        }
        // The generated ConfigMap of the topics script is what the Job mounts (hash suffix resolved).
        Map<String, Object> job = overlay.stream().filter(d -> "Job".equals(d.get("kind"))).findFirst().orElseThrow();
        String init = list(job, "spec", "template", "spec", "volumes").stream().filter(v -> "init".equals(string(v, "name")))
                .map(v -> string(v, "configMap", "name")).findFirst().orElseThrow();
        assertThat(overlay).anySatisfy(d -> assertThat(string(d, "metadata", "name")).isEqualTo(init));
        assertThat(init).startsWith("loa-kafka-init-");
    }

    @Test
    void theKafkaExampleIsAThreeNodeClusterThatLosesNoAcknowledgedWrite() {
        Map<String, Object> cluster = render("infra/k8s/kafka").stream().filter(d -> "Kafka".equals(d.get("kind")))
                .findFirst().orElseThrow();
        Map<String, Object> config = map(cluster, "spec", "kafka", "config");
        assertThat(config).containsEntry("default.replication.factor", 3).containsEntry("min.insync.replicas", 2)
                .containsEntry("unclean.leader.election.enable", false);
        assertThat(list(cluster, "spec", "kafka", "listeners")).allSatisfy(l -> {
            assertThat(at(l, "tls")).isEqualTo(true);
            assertThat(string(l, "authentication", "type")).isEqualTo("scram-sha-512");
        });
        Map<String, Object> pool = render("infra/k8s/kafka").stream().filter(d -> "KafkaNodePool".equals(d.get("kind")))
                .findFirst().orElseThrow();
        assertThat(at(pool, "spec", "replicas")).isEqualTo(3);
    }

    /** Who may talk to whom, read from the rendered NetworkPolicies of the example overlay. */
    @Test
    void networkPoliciesLetEachServiceReachOnlyPostgresKafkaAndWhatItCalls() {
        List<Map<String, Object>> policies = render("infra/k8s/overlays/example").stream()
                .filter(d -> "NetworkPolicy".equals(d.get("kind"))).toList();
        // Deny by default, both ways, for every pod of the namespace.
        assertThat(policies).anySatisfy(p -> {
            assertThat(map(p, "spec", "podSelector")).isEmpty();
            assertThat(list(p, "spec", "policyTypes")).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(list(p, "spec", "ingress")).isEmpty();
            assertThat(list(p, "spec", "egress")).isEmpty();
        });
        Map<String, Set<String>> egress = new LinkedHashMap<>();
        Map<String, Set<String>> ingress = new LinkedHashMap<>();
        for (Map<String, Object> policy : policies) {
            String app = string(policy, "spec", "podSelector", "matchLabels", "app.kubernetes.io/name");
            List<Object> expressions = list(policy, "spec", "podSelector", "matchExpressions");
            String target = app != null ? app : expressions.isEmpty() ? "*" : "pods:" + list(expressions.get(0), "values");
            for (Object rule : list(policy, "spec", "egress")) {
                egress.computeIfAbsent(target, k -> new TreeSet<>()).addAll(peers(rule, "to"));
            }
            for (Object rule : list(policy, "spec", "ingress")) {
                ingress.computeIfAbsent(target, k -> new TreeSet<>()).addAll(peers(rule, "from"));
            }
        }
        assertThat(egress.get("*")).containsExactly("ns:kube-system/k8s-app=kube-dns:53");
        assertThat(egress.get("gateway")).containsExactlyInAnyOrder("pod:plan-service:8081", "pod:activity-service:8082",
                "pod:reporting-service:8083", "pod:notification-service:8084");
        for (String service : List.of("plan-service", "activity-service", "reporting-service", "notification-service")) {
            Set<String> reach = new TreeSet<>(egress.get(service));
            if (service.equals("notification-service")) {
                // Webhooks and mail: public addresses only, never the cluster's or the metadata service's.
                Set<String> outside = new TreeSet<>(reach.stream().filter(r -> r.startsWith("ip:")).toList());
                assertThat(outside).allSatisfy(r -> assertThat(r).startsWith("ip:0.0.0.0/0-except[10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 169.254.0.0/16"));
                reach.removeAll(outside);
            }
            if (service.equals("activity-service")) {
                // Its evidence files: the S3 store (MinIO) in the data namespace, shared by its replicas.
                assertThat(reach.remove("ns:loa-data:9000")).as("activity-service reaches the evidence store").isTrue();
            }
            assertThat(reach).as(service).containsExactlyInAnyOrder("ns:loa-data:5432", "ns:kafka:9093", "pod:gateway:8080");
            int port = Repo.SERVICES.get(service);
            // The API port admits the gateway only; no scraper there.
            assertThat(ingress.get(service)).as(service).containsExactly("pod:gateway:" + port);
        }
        assertThat(ingress.get("gateway")).contains("ns:ingress-nginx:8080").noneMatch(peer -> peer.startsWith("ns:monitoring"))
                .anySatisfy(peer -> assertThat(peer).startsWith("pods:[plan-service"));
        // The management port (the named container port every Deployment declares) admits Prometheus, for all five;
        // the kubelet's probes come from the node, which NetworkPolicies always admit.
        assertThat(ingress.get("pods:[gateway, plan-service, activity-service, reporting-service, notification-service]"))
                .containsExactly("ns:monitoring:management");
        assertThat(egress.get("loa-topics")).containsExactly("ns:kafka:9093");
    }

    /** A rule's peers × ports as strings: "pod:gateway:8080", "ns:kafka:9093", "ip:0.0.0.0/0-except[…]:443". */
    private static List<String> peers(Object rule, String direction) {
        List<String> peers = new ArrayList<>();
        List<Object> ports = list(rule, "ports");
        for (Object peer : list(rule, direction)) {
            String name;
            if (at(peer, "ipBlock") != null) {
                name = "ip:" + string(peer, "ipBlock", "cidr") + "-except" + list(peer, "ipBlock", "except");
            } else if (at(peer, "namespaceSelector") != null) {
                String ns = string(peer, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name");
                String pod = string(peer, "podSelector", "matchLabels", "k8s-app");
                name = "ns:" + ns + (pod == null ? "" : "/k8s-app=" + pod);
            } else if (string(peer, "podSelector", "matchLabels", "app.kubernetes.io/name") != null) {
                name = "pod:" + string(peer, "podSelector", "matchLabels", "app.kubernetes.io/name");
            } else {
                name = "pods:" + list(list(peer, "podSelector", "matchExpressions").get(0), "values");
            }
            if (ports.isEmpty()) {
                peers.add(name + ":*");
            }
            for (Object port : ports) {
                peers.add(name + ":" + at(port, "port"));
            }
        }
        return peers;
    }
}
