package io.wellness.scheduler.emission;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Sees a batch after its rows are written and before its transaction commits. Production observes nothing; tests use
 * it to stop an instance in the middle of a batch (abort its connection as a killed process would).
 */
@FunctionalInterface
public interface BatchObserver {
    BatchObserver NONE = (connection, rows) -> {
    };

    void beforeCommit(Connection connection, int rows) throws SQLException;
}
