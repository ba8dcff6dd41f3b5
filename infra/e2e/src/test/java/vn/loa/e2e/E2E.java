package vn.loa.e2e;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** What the end-to-end tests share: waiting, JSON building, ground truth from a service's database. */
final class E2E {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private E2E() {
    }

    /** Every asynchronous effect crosses Kafka and a busy machine: generous, polling, exceptions retried. */
    static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(Long.getLong("loa.e2e.await-seconds", 180)))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions();
    }

    static ObjectNode object() {
        return Api.JSON.createObjectNode();
    }

    static ArrayNode array(String... values) {
        ArrayNode array = Api.JSON.createArrayNode();
        for (String v : values) {
            array.add(v);
        }
        return array;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asString()));
        }
        return out;
    }

    /** The first row's first column of a query on a service's own database, or null. */
    static String queryOne(LoaStack stack, Service service, String sql, Object... params) {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(service), LoaStack.DB_USER,
                LoaStack.DB_PASSWORD);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The quarter a scenario plays in, from today's date in Vietnam: the current quarter when at least
     * one day of it has passed (so something can be overdue and completions are not in the future), else
     * the previous one. Either way its report due date (5 working days after its end) is still ahead, so
     * reports submitted now are on time.
     */
    record Quarter(int year, int number, LocalDate from, LocalDate to, LocalDate today) {

        static Quarter forToday() {
            LocalDate today = LocalDate.now(VIETNAM);
            LocalDate from = LocalDate.of(today.getYear(), ((today.getMonthValue() - 1) / 3) * 3 + 1, 1);
            if (!today.isAfter(from)) {
                from = from.minusMonths(3);
            }
            return new Quarter(from.getYear(), (from.getMonthValue() - 1) / 3 + 1, from, from.plusMonths(3).minusDays(1),
                    today);
        }

        /** e.g. 2026-Q4 */
        String period() {
            return year + "-Q" + number;
        }

        /** Yesterday: inside the quarter, and a due date that has ended. */
        LocalDate yesterday() {
            return today.minusDays(1);
        }
    }
}
