package vn.loa.e2e.faults;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the checks read: meters from /actuator/prometheus, records on a topic, rows in a database. */
public final class Observations {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Observations() {
    }

    /**
     * Sum of a counter over its tags (those whose tags contain {@code tagText}, e.g. {@code uri="/api/dashboards}),
     * e.g. {@code loa_inbox_duplicates_total}, at a service's {@code baseUrl}; 0 if the service does not answer.
     * Metrics are for operators (the actuator beyond the health probes needs role OPERATOR): {@code operatorToken}
     * is an operator's access token ({@link vn.loa.e2e.LoaStack#token}).
     */
    public static double counter(String baseUrl, String operatorToken, String name, String tagText) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                    .header("Authorization", "Bearer " + operatorToken)
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                // a refusal read as "no counts" would let a check pass on nothing
                throw new IllegalStateException(baseUrl + "/actuator/prometheus answered " + response.statusCode());
            }
            double sum = 0;
            for (String line : response.body().split("\n")) {
                if ((line.startsWith(name + "{") || line.startsWith(name + " ")) && line.contains(tagText)) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    public static double counter(String baseUrl, String operatorToken, String name) {
        return counter(baseUrl, operatorToken, name, "");
    }

    /** Every record of {@code topic}, from the beginning to the end offsets of now. */
    static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Records per CloudEvents id ({@code ce_id} header): more than one means Kafka holds the event twice. */
    static Map<String, Integer> copiesPerEvent(List<ConsumerRecord<String, String>> records) {
        Map<String, Integer> copies = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            String id = header(record, "ce_id");
            if (id != null) {
                copies.merge(id, 1, Integer::sum);
            }
        }
        return copies;
    }

    static Map<String, String> pairs(Connection connection, String sql, Object... parameters) throws SQLException {
        Map<String, String> result = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return result;
    }

    static long count(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    static List<String> strings(Connection connection, String sql, Object... parameters) throws SQLException {
        return new ArrayList<>(pairs(connection, "select x, x from (" + sql + ") q(x)", parameters).keySet());
    }

    /** The events of {@code written} that {@code consumer}'s inbox has not processed. */
    static Set<String> unprocessed(Connection db, String consumer, Set<String> written) throws Exception {
        Set<String> processed = Set.copyOf(strings(db, "select event_id::text from processed_event where consumer = ?", consumer));
        Set<String> missing = new java.util.HashSet<>(written);
        missing.removeAll(processed);
        return missing;
    }

    /** The ground truth of both fault runs: Liên Minh's completions in 2022-Q4 in activity-service's own table. */
    static long lienMinhCompletedInQ4(Connection activity) throws Exception {
        return count(activity, "select count(*) from activity where org_unit = 'lien-minh'"
                + " and status = 'COMPLETED' and completed_on between date '2022-10-01' and date '2022-12-31'");
    }
}
