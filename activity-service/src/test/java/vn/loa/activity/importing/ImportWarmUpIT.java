package vn.loa.activity.importing;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.loa.activity.IntegrationTestSupport;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import's warm-up ({@link ImportWarmUp}): it ran while the context started (an ApplicationRunner: before the
 * service reports ready), and it writes nothing to the database.
 */
class ImportWarmUpIT extends IntegrationTestSupport {

    @Autowired
    ImportWarmUp warmUp;

    @Test
    void theWarmUpRanWhileTheServiceStartedAndPreviewedWholeFiles() {
        ImportWarmUp.Outcome atStart = warmUp.atStart();
        assertThat(atStart).as("the warm-up's outcome at start").isNotNull();
        assertThat(atStart.failure()).isNull();
        assertThat(atStart.files()).isPositive();
        assertThat(atStart.rows()).isEqualTo(atStart.files() * ImportWarmUp.FILE_ROWS);
    }

    @Test
    void theWarmUpWritesNothing() {
        List<Long> before = counts();

        ImportWarmUp.Outcome outcome = warmUp.warmUp();

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.rows()).isPositive();
        assertThat(counts()).as("rows of activity, activity_change, outbox_event").isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM activity WHERE plan_id = :p OR created_by = :u")
                .param("p", ImportWarmUp.NO_SUCH_PLAN).param("u", ImportWarmUp.USER.username())
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_event WHERE record_key = :p")
                .param("p", ImportWarmUp.NO_SUCH_PLAN.toString()).query(Long.class).single()).isZero();
    }

    private List<Long> counts() {
        return List.of("activity", "activity_change", "outbox_event").stream()
                .map(table -> jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single()).toList();
    }
}
