package vn.loa.activity.importing;

/**
 * CSV injection (OWASP "CSV Injection", issue 15.5): a spreadsheet opening a CSV runs a cell that starts with
 * {@code = + - @}, a tab or a carriage return as a formula. Every cell this service writes to a CSV goes through
 * {@link #neutralise}, which puts a {@code '} before such a cell (the spreadsheet then shows it as text); the
 * import takes that {@code '} off again ({@link #unneutralise}), so a file exported and imported keeps its text.
 */
final class CsvCells {

    private CsvCells() {
    }

    static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        return dangerous(cell.charAt(0)) ? "'" + cell : cell;
    }

    static String unneutralise(String cell) {
        if (cell != null && cell.length() > 1 && cell.charAt(0) == '\'' && dangerous(cell.charAt(1))) {
            return cell.substring(1);
        }
        return cell;
    }

    private static boolean dangerous(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
