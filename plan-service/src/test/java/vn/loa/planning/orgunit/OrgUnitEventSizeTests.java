package vn.loa.planning.orgunit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.contracts.EventContracts;
import vn.loa.messaging.envelope.EnvelopeCodec;
import vn.loa.planning.events.OrgUnitMoved;
import vn.loa.testsupport.Figures;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The biggest move allowed (1,000 units, 64-character codes, the deepest tree) fits in one Kafka record. */
class OrgUnitEventSizeTests {

    private static String code(String prefix, int i) {
        String head = prefix + "-" + i + "-";
        return head + "x".repeat(64 - head.length());
    }

    @Test
    void theBiggestMoveFitsInOneKafkaRecord() {
        List<String> path = new ArrayList<>(IntStream.range(0, OrgUnits.MAX_DEPTH - 1).mapToObj(i -> code("cap", i)).toList());
        String moved = path.get(path.size() - 1);
        List<OrgUnitMoved.Descendant> descendants = IntStream.range(0, OrgUnits.MAX_SUBTREE - 1).mapToObj(i -> {
            List<String> p = new ArrayList<>(path);
            p.add(code("xa", i));
            return new OrgUnitMoved.Descendant(code("xa", i), moved, p);
        }).toList();
        String name = String.join("", Collections.nCopies(300, "ệ"));
        OrgUnitMoved event = new OrgUnitMoved(moved, name, "L".repeat(40), code("cu", 0), path.get(path.size() - 2),
                path, path, descendants, LocalDate.of(2025, 7, 1), name, OffsetDateTime.parse("2025-07-01T08:00:00+07:00"));
        EnvelopeCodec codec = new EnvelopeCodec(JsonMapper.builder().build(), "/plan-service", Clock.systemUTC());
        String json = codec.write(codec.wrap(moved, event, null));
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        Figures.print("The biggest org-unit-moved: %,d bytes (%d descendants)", bytes, descendants.size());
        assertThat(bytes + 1_024).isLessThan(1_048_576);
        EventContracts.assertValid("org-unit-moved", json);
    }
}
