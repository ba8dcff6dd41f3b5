package vn.loa.documents;

import java.util.List;
import java.util.Objects;

/** One block of a section's body. */
public sealed interface Block permits Block.Heading, Block.Paragraph, Block.Item, Block.Table {

    /** A sub-heading with its numbering: level 1 "1. Mục đích" (bold), level 2 "a. …" (bold italic). */
    record Heading(int level, String text) implements Block {
        public Heading {
            Objects.requireNonNull(text, "text");
            if (level < 1 || level > 2) {
                throw new IllegalArgumentException("heading level must be 1 or 2: " + level);
            }
        }
    }

    /** A justified paragraph with a first-line indent. */
    record Paragraph(String text) implements Block {
        public Paragraph {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A bullet item, printed "- text" as administrative documents do. */
    record Item(String text) implements Block {
        public Item {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A table with a header row; cells are printed as given (numbers already formatted).
     * {@code widths} are relative column widths, or empty for equal columns.
     */
    record Table(List<String> columns, List<List<String>> rows, List<Float> widths) implements Block {
        public Table {
            columns = List.copyOf(columns);
            rows = rows.stream().map(r -> List.copyOf(r)).toList();
            widths = widths == null ? List.of() : List.copyOf(widths);
            for (List<String> row : rows) {
                if (row.size() != columns.size()) {
                    throw new IllegalArgumentException("row has " + row.size() + " cells, expected " + columns.size());
                }
            }
            if (!widths.isEmpty() && widths.size() != columns.size()) {
                throw new IllegalArgumentException(widths.size() + " widths for " + columns.size() + " columns");
            }
        }

        public Table(List<String> columns, List<List<String>> rows) {
            this(columns, rows, List.of());
        }
    }

    static Heading heading(int level, String text) {
        return new Heading(level, text);
    }

    static Paragraph paragraph(String text) {
        return new Paragraph(text);
    }

    static Item item(String text) {
        return new Item(text);
    }
}
