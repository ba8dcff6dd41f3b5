package vn.loa.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The AsyncAPI document and the schemas describe the same events and topics. */
class AsyncApiDocumentTests {

    private static final List<String> TOPICS = List.of(
            "loa.orgunit.events", "loa.plan.events", "loa.activity.events", "loa.period.events", "loa.report.events");

    private final String document = read("contracts/asyncapi.yaml");

    @Test
    void itIsAnAsyncApi3DocumentListingEveryTopicAndItsDeadLetterTopic() {
        assertThat(document).contains("asyncapi: 3.0.0");
        for (String topic : TOPICS) {
            assertThat(document).contains("address: " + topic + "\n").contains("address: " + topic + "-dlt\n");
        }
    }

    @Test
    void everyEventTypeIsAMessageWhosePayloadIsItsSchema() {
        for (String type : EventContracts.TYPES) {
            assertThat(document).contains("name: " + type + "\n").contains("$ref: 'events/" + type + ".schema.json'");
        }
        Matcher refs = Pattern.compile("\\$ref: 'events/([a-z-]+)\\.schema\\.json'").matcher(document);
        while (refs.find()) {
            assertThat(EventContracts.TYPES).contains(refs.group(1));
        }
    }

    @Test
    void producersSendAndConsumersReceive() {
        assertThat(count("action: send")).isEqualTo(5 + 11); // 5 producers' topics, 11 consumers' dead letters
        assertThat(count("action: receive")).isEqualTo(11);
        assertThat(document).contains("planService.publish.planEvents:", "activityService.publish.activityEvents:",
                "reportingService.publish.periodEvents:", "reportingService.publish.reportEvents:",
                "notificationService.consume.reportEvents:", "activityService.consume.periodEvents:");
    }

    private int count(String text) {
        return document.split(Pattern.quote(text), -1).length - 1;
    }

    private static String read(String resource) {
        try (InputStream in = AsyncApiDocumentTests.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
