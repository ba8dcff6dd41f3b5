package vn.loa.documents;

import java.util.List;

/**
 * A part of the body: its heading with its own numbering ("I. MỤC ĐÍCH, YÊU CẦU"), null for the
 * opening paragraphs, and its blocks in order.
 */
public record Section(String heading, List<Block> blocks) {

    public Section {
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
    }

    public static Section of(String heading, Block... blocks) {
        return new Section(heading, List.of(blocks));
    }
}
