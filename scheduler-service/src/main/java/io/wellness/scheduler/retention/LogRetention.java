package io.wellness.scheduler.retention;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.wellness.scheduler.config.SchedulerConfig;
import io.wellness.scheduler.repository.ScheduleQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Prunes the logs that only guard against duplicates (emitted breaks, processed outcome events) once they are older
 * than the retention period; a break or outcome that old can no longer come back. Deletes in small batches.
 */
@ApplicationScoped
public class LogRetention {
    /** Snoozes look up the emitted break, and a re-sent outcome must still be recognised: keep at least a day. */
    static final Duration MIN_KEEP = Duration.ofDays(1);

    public record Pruned(long emittedBreaks, long processedOutcomes) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SchedulerConfig config;

    @Inject
    Clock clock;

    void checkSettings(@Observes StartupEvent event) {
        if (config.retention().keep().compareTo(MIN_KEEP) < 0) {
            throw new IllegalStateException("wellness.scheduler.retention.keep must be at least " + MIN_KEEP
                    + ", is " + config.retention().keep());
        }
    }

    @Scheduled(every = "${wellness.scheduler.retention.every}", delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodic() {
        try {
            Pruned pruned = prune(clock.instant());
            if (pruned.emittedBreaks() + pruned.processedOutcomes() > 0) {
                Log.infof("retention: pruned %s", pruned);
            }
        } catch (SQLException | RuntimeException e) {
            Log.errorf(e, "retention pruning failed; retrying next period");
        }
    }

    /** Deletes what is older than the retention period at {@code now}. */
    public Pruned prune(Instant now) throws SQLException {
        return prune(now, config.retention().batchSize());
    }

    Pruned prune(Instant now, int batch) throws SQLException {
        Instant cutoff = now.minus(config.retention().keep());
        return new Pruned(deleteOlder("emitted_break", "emitted_at", cutoff, batch),
                deleteOlder("processed_outcome", "processed_at", cutoff, batch));
    }

    private long deleteOlder(String table, String column, Instant cutoff, int batch) throws SQLException {
        long total = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("delete from " + table + " where ctid = any (array("
                     + "select ctid from " + table + " where " + column + " < ? limit ?))")) {
            ps.setObject(1, ScheduleQueries.utc(cutoff));
            ps.setInt(2, batch);
            for (int deleted = ps.executeUpdate(); ; deleted = ps.executeUpdate()) {
                total += deleted;
                if (deleted < batch) {
                    return total;
                }
            }
        }
    }
}
