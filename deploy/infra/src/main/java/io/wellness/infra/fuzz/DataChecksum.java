package io.wellness.infra.fuzz;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Supplier;

/** A PostgreSQL checksum of rows, so a test can prove a refused request left them as they were. */
public final class DataChecksum {
    private DataChecksum() {
    }

    /** The checksum of every row of the tables. */
    public static Supplier<String> ofTables(DataSource ds, String... tables) {
        return ofQueries(ds, java.util.Arrays.stream(tables).map(t -> "SELECT * FROM " + t).toArray(String[]::new));
    }

    /** The checksum of the rows each query selects (queries written by the test, never from fuzz input). */
    public static Supplier<String> ofQueries(DataSource ds, String... queries) {
        List<String> sql = java.util.Arrays.stream(queries)
                .map(q -> "SELECT count(*) || ':' || coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), '') FROM (" + q + ") r")
                .toList();
        return () -> {
            StringBuilder sum = new StringBuilder();
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                for (String q : sql) {
                    try (ResultSet rs = st.executeQuery(q)) {
                        rs.next();
                        sum.append(rs.getString(1)).append(';');
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("checksum failed", e);
            }
            return sum.toString();
        };
    }
}
