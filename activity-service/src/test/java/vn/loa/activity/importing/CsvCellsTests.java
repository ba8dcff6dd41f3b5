package vn.loa.activity.importing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellsTests {

    @Test
    void cellsThatASpreadsheetWouldRunAsAFormulaArePrefixedWithAnApostrophe() {
        assertThat(CsvCells.neutralise("=HYPERLINK(\"http://x\",\"Bấm vào đây\")")).isEqualTo("'=HYPERLINK(\"http://x\",\"Bấm vào đây\")");
        assertThat(CsvCells.neutralise("+84 912 345 678")).isEqualTo("'+84 912 345 678");
        assertThat(CsvCells.neutralise("-1")).isEqualTo("'-1");
        assertThat(CsvCells.neutralise("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.neutralise("\tx")).isEqualTo("'\tx");
        assertThat(CsvCells.neutralise("\rx")).isEqualTo("'\rx");
    }

    @Test
    void everyOtherCellIsLeftAsItIs() {
        assertThat(CsvCells.neutralise("Chuyên mục CCHC tháng 1/2022")).isEqualTo("Chuyên mục CCHC tháng 1/2022");
        assertThat(CsvCells.neutralise("2022-01-31")).isEqualTo("2022-01-31");
        assertThat(CsvCells.neutralise("")).isEmpty();
        assertThat(CsvCells.neutralise(null)).isNull();
    }

    @Test
    void theImportTakesTheApostropheOffAgainSoThatTextSurvivesARoundTrip() {
        for (String text : new String[] {"=1+1", "-CT-2", "@x", "Tin bài", "'quoted'", ""}) {
            assertThat(CsvCells.unneutralise(CsvCells.neutralise(text))).isEqualTo(text);
        }
        assertThat(CsvCells.unneutralise("'abc")).isEqualTo("'abc");
    }
}
