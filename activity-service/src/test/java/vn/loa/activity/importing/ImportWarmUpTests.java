package vn.loa.activity.importing;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.text.Normalizer;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up's synthetic file is an import file as a user would send it, so that it runs the import's real code. */
class ImportWarmUpTests {

    @Test
    void theSyntheticFileHasEveryColumnAndWellFormedRowsInVietnamese() {
        ImportFile file = CsvSheet.read(new ByteArrayInputStream(ImportWarmUp.file(40, 12)), ActivityImport.MAX_ROWS);

        assertThat(file.header()).containsExactlyElementsOf(ImportColumns.headers());
        assertThat(file.rows()).hasSize(12);
        assertThat(file.rows()).allSatisfy(row -> {
            assertThat(row.shapeError()).isNull();
            assertThat(row.cell("planId")).isEqualTo(ImportWarmUp.NO_SUCH_PLAN.toString());
            assertThat(java.time.LocalDate.parse(row.cell("dueDate"))).isBetween(
                    java.time.LocalDate.of(2022, 1, 1), java.time.LocalDate.of(2022, 12, 31));
        });
        String title = file.rows().get(0).cell("title");
        assertThat(title).isEqualTo("Tuyên truyền cải cách hành chính, số 40");
        assertThat(Normalizer.isNormalized(title, Normalizer.Form.NFC)).isTrue();
        assertThat(file.rows().get(1).cell("budgetSource")).isEqualTo("COMMUNE");
    }

    @Test
    void theWarmUpUserMayImportButCoversNoRealOrgUnit() {
        assertThat(ImportWarmUp.USER.canWrite()).isTrue();
        assertThat(ImportWarmUp.USER.orgUnit()).isEqualTo("loa-import-warm-up");
    }
}
