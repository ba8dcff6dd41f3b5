package vn.loa.activity.support;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** PostgreSQL text[] columns to and from Java lists. */
public final class Sql {

    private Sql() {
    }

    /** A String[] parameter (the PostgreSQL driver binds it as text[]; a List would be expanded as IN values). */
    public static String[] array(Collection<String> values) {
        return values == null ? new String[0] : values.toArray(String[]::new);
    }

    public static List<String> list(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return List.of();
        }
        return List.copyOf(Arrays.asList((String[]) array.getArray()));
    }
}
