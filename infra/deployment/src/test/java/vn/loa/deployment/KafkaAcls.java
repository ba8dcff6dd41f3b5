package vn.loa.deployment;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Who writes and reads which topic, as infra/k8s/base/kafka-init.sh grants it (compose and Kubernetes run it). */
final class KafkaAcls {

    private KafkaAcls() {
    }

    static String script() {
        return Repo.read(Repo.path("infra/k8s/base/kafka-init.sh"));
    }

    /** The topics each service owns (writes). */
    static Map<String, List<String>> owns() {
        return table("OWNS");
    }

    /** The topics each service consumes (reads, and writes their -dlt twins). */
    static Map<String, List<String>> reads() {
        return table("READS");
    }

    private static Map<String, List<String>> table(String name) {
        Matcher block = Pattern.compile("declare -A " + name + "=\\(\\n(.*?)\\n\\)", Pattern.DOTALL).matcher(script());
        if (!block.find()) {
            throw new AssertionError("no " + name + " table in kafka-init.sh");
        }
        Map<String, List<String>> table = new LinkedHashMap<>();
        Matcher entry = Pattern.compile("\\[([a-z-]+)]=\"([^\"]*)\"").matcher(block.group(1));
        while (entry.find()) {
            table.put(entry.group(1), entry.group(2).isBlank() ? List.of() : Arrays.asList(entry.group(2).trim().split("\\s+")));
        }
        return table;
    }
}
