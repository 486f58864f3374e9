package io.wellness.scheduler.delivery.repository;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Signatures of accepted callbacks inside the replay window, shared by all replicas through the database. */
@ApplicationScoped
public class CallbackReplayRepository {
    private final DataSource dataSource;

    public CallbackReplayRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True the first time a signature is seen; false for a replay. */
    public boolean firstSeen(String signature, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "insert into delivery_callback_seen (signature, seen_at) values (?, ?) on conflict do nothing")) {
            statement.setString(1, signature);
            statement.setTimestamp(2, Timestamp.from(now));
            return statement.executeUpdate() == 1;
        }
    }

    /** Signatures older than the window can no longer pass the timestamp check, so they need not be remembered. */
    public int forgetBefore(Instant before) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("delete from delivery_callback_seen where seen_at < ?")) {
            statement.setTimestamp(1, Timestamp.from(before));
            return statement.executeUpdate();
        }
    }
}
