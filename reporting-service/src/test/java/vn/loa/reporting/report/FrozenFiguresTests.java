package vn.loa.reporting.report;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class FrozenFiguresTests {

    @Test
    void aReportFrozenBeforeTargetsCarriedRecurrenceAndOutputsStillReads() {
        // Figures as a report submitted before the occurrence rule stored them: no recurrence, no outputs.
        String old = """
                {"planId":null,"planDocumentNumber":"01/KH-UBND",
                 "targets":[{"code":"CT-2","description":"Truyền thanh cơ sở có chuyên mục tuyên truyền về CCHC",
                             "indicator":"COUNT","planned":3,"achieved":12,"ratio":4.0}],
                 "channels":[],"units":[],"budget":{"plannedVnd":0,"spentVnd":0}}""";
        JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        ReportFigures f = json.readValue(old, ReportFigures.class);
        ReportFigures.TargetLine t = f.targets().get(0);
        // Frozen means frozen: the old figure is shown as it was submitted.
        assertThat(t.achieved()).isEqualByComparingTo("12");
        assertThat(t.recurrence()).isNull();
        assertThat(t.activitiesCompleted()).isNull();
        assertThat(t.quantity()).isNull();
        assertThat(t.reach()).isNull();
    }
}
