package io.wellness.tracking.service;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.wellness.tracking.config.TrackingConfig;
import io.wellness.tracking.repository.RetentionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.function.IntSupplier;

/**
 * Purges raw events older than {@code wellness.tracking.retention} (default 395 days, about 13 months) in batches.
 * Rollups are kept: they hold no raw events and are released only above the privacy threshold.
 */
@ApplicationScoped
public class RetentionJob {

    public record Purged(Instant cutoff, int outcomes, int breaks, int processedMessages, int cellMarkers) {
    }

    @Inject
    RetentionRepository repository;

    @Inject
    TrackingConfig config;

    @Inject
    Clock clock;

    @Scheduled(identity = "tracking-retention", cron = "${wellness.tracking.retention-cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPurge() {
        Purged purged = purge();
        Log.infof("retention: purged %d outcome events, %d breaks, %d message ids and %d cell markers older than %s",
                purged.outcomes(), purged.breaks(), purged.processedMessages(), purged.cellMarkers(), purged.cutoff());
    }

    public Purged purge() {
        Instant cutoff = clock.instant().minus(config.retention());
        int batch = config.retentionBatchSize();
        return new Purged(cutoff, drain(() -> repository.purgeOutcomes(cutoff, batch), batch),
                drain(() -> repository.purgeBreaks(cutoff, batch), batch),
                drain(() -> repository.purgeProcessedMessages(cutoff, batch), batch),
                drainMarkers(cutoff, batch));
    }

    /** Two tables per round: done when a round deletes fewer than a batch from each. */
    private int drainMarkers(Instant cutoff, int batch) {
        int total = 0;
        int deleted;
        do {
            deleted = repository.purgeCellMarkers(cutoff, batch);
            total += deleted;
        } while (deleted >= batch);
        return total;
    }

    private static int drain(IntSupplier deleteBatch, int batch) {
        int total = 0;
        int deleted;
        do {
            deleted = deleteBatch.getAsInt();
            total += deleted;
        } while (deleted == batch);
        return total;
    }
}
