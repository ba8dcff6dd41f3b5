package vn.loa.reporting.report;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.contracts.EventContracts;
import vn.loa.messaging.envelope.EnvelopeCodec;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The report events we produce, serialized as the outbox does, match their schemas. */
class ReportEventContractsTests {

    private final EnvelopeCodec codec = new EnvelopeCodec(JsonMapper.builder().build(), "/reporting-service",
            Clock.systemUTC());

    @Test
    void reportEventsMatchTheirSchemas() {
        UUID id = UUID.randomUUID();
        List<String> path = List.of("ha-tinh", "duc-tho", "lien-minh");
        LocalDate due = LocalDate.parse("2022-04-07");
        OffsetDateTime at = OffsetDateTime.parse("2022-04-05T10:00:00+07:00");
        EventContracts.assertValid("report-submitted", codec.write(codec.wrap(id.toString(),
                new ReportEvents.ReportSubmitted(id, "lien-minh", "Xã Liên Minh", path, "duc-tho", "2022-Q1", due,
                        "lienminh.vhtt", at, true, "05/BC-UBND", "duc-tho", "COMMUNE"), null)));
        EventContracts.assertValid("report-approved", codec.write(codec.wrap(id.toString(),
                new ReportEvents.ReportApproved(id, "lien-minh", "Xã Liên Minh", path, "duc-tho", "2022-Q1", due,
                        "ductho.vhtt", at, true, "05/BC-UBND", "duc-tho", "COMMUNE"), null)));
        EventContracts.assertValid("report-returned", codec.write(codec.wrap(id.toString(),
                new ReportEvents.ReportReturned(id, "lien-minh", "Xã Liên Minh", path, "duc-tho", "2022-Q1", due,
                        "ductho.vhtt", at, true, "Bổ sung số liệu tháng 3", "05/BC-UBND", "duc-tho", "COMMUNE"), null)));
        // A district's consolidated six-month report to the province, and the annual one.
        List<String> district = List.of("ha-tinh", "duc-tho");
        EventContracts.assertValid("report-submitted", codec.write(codec.wrap(id.toString(),
                new ReportEvents.ReportSubmitted(id, "duc-tho", "Huyện Đức Thọ", district, "ha-tinh", "2022-H1", due,
                        "ductho.vhtt", at, true, "12/BC-UBND", "ha-tinh", "DISTRICT"), null)));
        EventContracts.assertValid("report-approved", codec.write(codec.wrap(id.toString(),
                new ReportEvents.ReportApproved(id, "duc-tho", "Huyện Đức Thọ", district, "ha-tinh", "2022", due,
                        "hatinh.sonoivu", at, true, "20/BC-UBND", "ha-tinh", "DISTRICT"), null)));
        // A period the regime does not have is refused by the schema.
        org.assertj.core.api.Assertions.assertThat(EventContracts.validate("report-submitted", codec.write(codec.wrap(
                id.toString(), new ReportEvents.ReportSubmitted(id, "lien-minh", "Xã Liên Minh", path, "duc-tho",
                        "2022-H2", due, "lienminh.vhtt", at, true, null, null, null), null)))).isNotEmpty();
    }
}
