package vn.loa.messaging.envelope;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.messaging.EventEnvelope;
import vn.loa.messaging.EventType;
import vn.loa.messaging.InvalidEventException;
import vn.loa.messaging.Topics;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeCodecTests {

    @EventType(value = "plan-issued", topic = Topics.PLAN_EVENTS, version = 2)
    record PlanIssued(String planId, String title, LocalDate issuedOn, List<String> orgUnitPath) {
    }

    record NotAnEvent(String x) {
    }

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2022-01-24T02:00:00Z"), ZoneId.of("Asia/Ho_Chi_Minh"));

    // A strict mapper, as a service's web API may configure: reading events must still ignore unknown fields.
    private final EnvelopeCodec codec = new EnvelopeCodec(
            JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build(), "/plan-service", CLOCK);

    private final PlanIssued plan = new PlanIssued("p-1", "Kế hoạch tuyên truyền cải cách hành chính năm 2022",
            LocalDate.of(2022, 1, 24), List.of("ha-tinh", "duc-tho", "lien-minh"));

    @Test
    void wrapsDataWithTheAttributesOfItsEventType() {
        EventEnvelope<PlanIssued> envelope = codec.wrap("p-1", plan, null);

        assertThat(envelope.specversion()).isEqualTo("1.0");
        assertThat(envelope.type()).isEqualTo("plan-issued");
        assertThat(envelope.dataversion()).isEqualTo(2);
        assertThat(envelope.source()).isEqualTo("/plan-service");
        assertThat(envelope.subject()).isEqualTo("p-1");
        assertThat(envelope.time()).isEqualTo(OffsetDateTime.parse("2022-01-24T09:00:00+07:00"));
        assertThat(envelope.datacontenttype()).isEqualTo("application/json");
        assertThat(envelope.id()).isNotNull();
    }

    @Test
    void writesTheEnvelopeAsStructuredCloudEventsJsonKeepingVietnameseText() {
        EventEnvelope<PlanIssued> envelope = codec.wrap("p-1", plan, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        String json = codec.write(envelope);

        assertThat(json).contains("\"type\":\"plan-issued\"", "\"dataversion\":2", "\"source\":\"/plan-service\"",
                "\"time\":\"2022-01-24T09:00:00+07:00\"", "\"issuedOn\":\"2022-01-24\"",
                "\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"",
                "Kế hoạch tuyên truyền cải cách hành chính năm 2022");
    }

    @Test
    void leavesOutAbsentAttributes() {
        String json = codec.write(codec.wrap(null, plan, null));

        assertThat(json).doesNotContain("subject").doesNotContain("traceparent");
    }

    @Test
    void readsBackWhatItWrote() {
        EventEnvelope<PlanIssued> written = codec.wrap("p-1", plan, null);

        EventEnvelope<PlanIssued> read = codec.read(codec.write(written), PlanIssued.class);

        assertThat(read).isEqualTo(written);
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        String json = """
                {"specversion":"1.0","id":"6f1c1d2e-8f43-4c8e-9a55-0d6f3b8f0a11","source":"/plan-service",
                 "type":"plan-issued","time":"2022-01-24T09:00:00+07:00","dataversion":3,"futureAttribute":true,
                 "data":{"planId":"p-1","title":"Xã Liên Minh","issuedOn":"2022-01-24","orgUnitPath":[],"newField":1}}""";

        EventEnvelope<PlanIssued> read = codec.read(json, PlanIssued.class);

        assertThat(read.data().title()).isEqualTo("Xã Liên Minh");
        assertThat(read.dataversion()).isEqualTo(3);
    }

    @Test
    void rejectsWhatIsNotAnEnvelope() {
        assertThatThrownBy(() -> codec.read("not json")).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> codec.read("[1,2]")).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> codec.read("{\"type\":\"plan-issued\"}")).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> codec.read("{\"id\":\"nope\",\"type\":\"plan-issued\"}"))
                .isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> codec.read("")).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void rejectsDataThatCannotBeBound() {
        String json = """
                {"id":"6f1c1d2e-8f43-4c8e-9a55-0d6f3b8f0a11","type":"plan-issued","data":{"issuedOn":"not a date"}}""";

        assertThatThrownBy(() -> codec.read(json, PlanIssued.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("PlanIssued");
    }

    @Test
    void refusesDataWithoutEventType() {
        assertThatThrownBy(() -> codec.wrap("x", new NotAnEvent("x"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("@EventType");
    }
}
