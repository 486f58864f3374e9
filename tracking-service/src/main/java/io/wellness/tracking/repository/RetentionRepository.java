package io.wellness.tracking.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Deletes raw records older than a cutoff, one bounded batch per statement (each its own short transaction). */
@ApplicationScoped
public class RetentionRepository {

    /** The day after the period's last day (day, ISO week, month) is on or before the cutoff day. */
    private static final String PERIOD_ENDED = "(case unit when 'D' then period_start + 1 when 'W' then period_start + 7 "
            + "else (period_start + interval '1 month')::date end) <= ?::date";

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

    /**
     * Heat-map and exercise markers of periods that ended before the cutoff day: their raw events are gone, so the
     * markers are only personal data; the cells' counts stay.
     */
    public int purgeCellMarkers(Instant cutoff, int batch) {
        LocalDate cutoffDay = LocalDate.ofInstant(cutoff, ZoneOffset.UTC);
        return deleteMarkers("hour_participant", cutoffDay, batch) + deleteMarkers("exercise_participant", cutoffDay, batch);
    }

    private int deleteMarkers(String table, LocalDate cutoffDay, int batch) {
        String sql = "delete from " + table + " where ctid = any(array(select ctid from " + table
                + " where period_start < ? and " + PERIOD_ENDED + " limit ?))";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, cutoffDay);
            ps.setObject(2, cutoffDay);
            ps.setInt(3, batch);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("retention purge failed: " + e.getMessage(), e);
        }
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
