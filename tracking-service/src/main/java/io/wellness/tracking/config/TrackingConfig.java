package io.wellness.tracking.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Duration;

/** Settings of the tracking service ({@code wellness.tracking.*}); the constraints make a bad value fail startup. */
@ConfigMapping(prefix = "wellness.tracking")
public interface TrackingConfig {

    Privacy privacy();

    /** Raw events older than this are purged; aggregates stay. Default 395 days (about 13 months). */
    @WithDefault("P395D")
    Duration retention();

    /** Rows deleted per statement by the retention job, so the purge never holds long locks. */
    @WithDefault("5000")
    @Min(100)
    @Max(100_000)
    int retentionBatchSize();

    /** When the retention purge runs (Quartz-style cron of quarkus-scheduler). */
    @WithDefault("0 15 3 * * ?")
    String retentionCron();

    /** Personal streak: a day counts when at least this many breaks were completed. */
    @WithDefault("3")
    @Min(1)
    @Max(50)
    int streakMinCompleted();

    interface Privacy {
        /** Figures about fewer distinct employees are suppressed. Never below 3. */
        @WithDefault("5")
        @Min(3)
        int minGroupSize();
    }
}
