package vn.loa.documents;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockTests {

    @Test
    void aTableRefusesRowsOrWidthsThatDoNotMatchItsColumns() {
        assertThatThrownBy(() -> new Block.Table(List.of("Hình thức", "Số lượng"), List.of(List.of("Truyền thanh"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Block.Table(List.of("Hình thức", "Số lượng"), List.of(), List.of(1f)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headingsHaveTwoLevels() {
        assertThatThrownBy(() -> new Block.Heading(3, "i) mục nhỏ")).isInstanceOf(IllegalArgumentException.class);
    }
}
