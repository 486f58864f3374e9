package io.wellness.tracking.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Deletes raw records older than a cutoff, one bounded batch per statement (each its own short transaction). */
@ApplicationScoped
public class RetentionRepository {

    @Inject
    AgroalDataSource dataSource;

    public int purgeOutcomes(Instant cutoff, int batch) {
        return deleteBatch("delete from outcome_event where ctid = any(array("
                + "select ctid from outcome_event where occurred_at < ? limit ?))", cutoff, batch);
    }

    /** Breaks by the time they were first seen (for an offered break: when the scheduler emitted it). */
    public int purgeBreaks(Instant cutoff, int batch) {
        return deleteBatch("delete from break_record where ctid = any(array("
                + "select ctid from break_record where first_seen < ? limit ?))", cutoff, batch);
    }

    public int purgeProcessedMessages(Instant cutoff, int batch) {
        return deleteBatch("delete from processed_message where ctid = any(array("
                + "select ctid from processed_message where processed_at < ? limit ?))", cutoff, batch);
    }

    private int deleteBatch(String sql, Instant cutoff, int batch) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            ps.setInt(2, batch);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("retention purge failed: " + e.getMessage(), e);
        }
    }
}
