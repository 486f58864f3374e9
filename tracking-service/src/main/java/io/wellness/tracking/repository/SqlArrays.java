package io.wellness.tracking.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/** Column arrays for {@code unnest(...)} statements: one statement writes a whole batch whatever its size. */
final class SqlArrays {
    /** Separates the elements of a text[] cell carried as one string (unnest would flatten a 2-D array). */
    static final String LIST_SEPARATOR = "\u001f";

    private SqlArrays() {
    }

    static void set(PreparedStatement ps, int index, String type, Collection<?> values) throws SQLException {
        Connection c = ps.getConnection();
        // typed element arrays: the driver sends text and integer arrays in binary, a plain Object[] as escaped text
        Object[] elements = switch (type) {
            case "text" -> values.toArray(new String[0]);
            case "int4" -> values.toArray(new Integer[0]);
            case "int2" -> values.toArray(new Short[0]);
            default -> values.toArray();
        };
        Array array = c.createArrayOf(type, elements);
        ps.setArray(index, array);
    }

    static String joinList(List<String> values) {
        return values == null || values.isEmpty() ? "" : String.join(LIST_SEPARATOR, values);
    }

    static List<String> list(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return List.of((String[]) array.getArray());
    }
}
