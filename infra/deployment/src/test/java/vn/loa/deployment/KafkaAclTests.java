package vn.loa.deployment;

import org.junit.jupiter.api.Test;
import vn.loa.messaging.Topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.deployment.Repo.list;
import static vn.loa.deployment.Repo.string;

/** Issue 15: each service's Kafka principal writes only its own topics (compose and Kubernetes agree). */
class KafkaAclTests {

    @Test
    void everyTopicHasOneOwnerAndTheOwnersAreTheServicesThatPublishIt() {
        Map<String, List<String>> owns = KafkaAcls.owns();
        assertThat(owns).containsOnlyKeys("plan-service", "activity-service", "reporting-service", "notification-service");
        assertThat(owns.get("plan-service")).containsExactlyInAnyOrder(Topics.ORG_UNIT_EVENTS, Topics.PLAN_EVENTS);
        assertThat(owns.get("activity-service")).containsExactly(Topics.ACTIVITY_EVENTS);
        assertThat(owns.get("reporting-service")).containsExactlyInAnyOrder(Topics.PERIOD_EVENTS, Topics.REPORT_EVENTS);
        assertThat(owns.get("notification-service")).isEmpty();
        List<String> owned = owns.values().stream().flatMap(List::stream).toList();
        assertThat(owned).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @Test
    void eachServiceReadsWhatItsListenersConsume() {
        Map<String, List<String>> reads = KafkaAcls.reads();
        for (String module : reads.keySet()) {
            Set<String> consumed = new TreeSet<>(Repo.listenedTopics(module));
            assertThat(reads.get(module)).as(module).containsExactlyInAnyOrderElementsOf(consumed);
        }
    }

    @Test
    void theStrimziUsersCarryTheSameAclsAsTheScript() {
        Map<String, List<String>> owns = KafkaAcls.owns();
        Map<String, List<String>> reads = KafkaAcls.reads();
        List<Map<String, Object>> users = Repo.yamlDocuments(Repo.path("infra/k8s/kafka/users.yaml"));
        for (String service : owns.keySet()) {
            Map<String, Object> user = users.stream().filter(u -> service.equals(string(u, "metadata", "name")))
                    .findFirst().orElseThrow(() -> new AssertionError("no KafkaUser " + service));
            assertThat(string(user, "spec", "authentication", "type")).isEqualTo("scram-sha-512");
            Set<String> writes = new TreeSet<>();
            Set<String> readsTopics = new TreeSet<>();
            for (Object acl : list(user, "spec", "authorization", "acls")) {
                String type = string(acl, "resource", "type");
                String name = string(acl, "resource", "name");
                List<Object> operations = list(acl, "operations");
                if ("topic".equals(type) && "literal".equals(string(acl, "resource", "patternType"))) {
                    if (operations.contains("Write")) {
                        writes.add(name);
                    }
                    if (operations.contains("Read")) {
                        readsTopics.add(name);
                    }
                }
                if ("group".equals(type)) {
                    assertThat(name).isEqualTo(service);
                }
            }
            List<String> expectedWrites = new ArrayList<>(owns.get(service));
            reads.get(service).forEach(t -> expectedWrites.add(t + "-dlt"));
            assertThat(writes).as(service + " writes").containsExactlyInAnyOrderElementsOf(expectedWrites);
            assertThat(readsTopics).as(service + " reads").containsExactlyInAnyOrderElementsOf(reads.get(service));
        }
    }

    @Test
    void theScriptGrantsWritesOnlyFromTheTables() {
        String script = KafkaAcls.script();
        // One place grants Write on a topic to a service: its owned topics and the -dlt twins of what it reads.
        assertThat(script.split("--operation Write", -1)).hasSize(2);
        assertThat(script).contains("for topic in ${OWNS[$service]}; do writes+=(--topic \"$topic\"); done",
                "for topic in ${READS[$service]}; do writes+=(--topic \"${topic}-dlt\"); done",
                "acl --allow-principal \"$principal\" --operation Write --operation Describe \"${writes[@]}\"");
    }
}
