package io.wellness.scheduler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the scheduler (prefix {@code wellness.scheduler}). */
@ConfigMapping(prefix = "wellness.scheduler")
public interface SchedulerConfig {

    Clock clock();

    Emitter emitter();

    Publish publish();

    Snooze snooze();

    Plans plans();

    Roster roster();

    Retention retention();

    Demo demo();

    interface Clock {
        /** 1 = real time; 60 = one real second is one scheduler minute (local demo). */
        @WithDefault("1")
        double speed();

        /**
         * Where an accelerated clock begins (ISO-8601 instant), e.g. early on a working day for a load run; absent:
         * at the real time of start-up.
         */
        java.util.Optional<String> start();
    }

    interface Emitter {
        @WithDefault("true")
        boolean enabled();

        /**
         * Rows claimed per transaction. Measured with scheduler-service/bench (1,000,000 employees): 2,000 rows on 3
         * threads emit a 100,000 burst as fast as 5,000 on 2 (the machine's two cores are saturated either way), and a
         * break waits behind a smaller batch: steady lateness p99 97 ms instead of 458 ms.
         */
        @WithDefault("2000")
        int batchSize();

        /**
         * Parallel emitting transactions in this replica (row locks keep them apart): while one waits for Kafka's
         * acknowledgements, another claims the next batch.
         */
        @WithDefault("3")
        int threads();

        /** Pause between polls when nothing was due. */
        @WithDefault("PT0.1S")
        Duration idlePoll();

        /** A break more overdue than this (downtime) is not sent late: the schedule jumps to the next one. */
        @WithDefault("PT2M")
        Duration lateGrace();

        /**
         * A break that came due while this replica was emitting and only waited behind a burst of others is still sent
         * this late (the late grace above applies to breaks missed while no emitter ran).
         */
        @WithDefault("PT15M")
        Duration backlogGrace();
    }

    interface Publish {
        /** Producer compression of microbreaks.due (lz4: cheap on CPU, large batches compress well). */
        @WithDefault("lz4")
        String compression();
    }

    interface Snooze {
        @WithDefault("PT10M")
        Duration delay();

        @WithDefault("2")
        int maxPerBreak();
    }

    interface Plans {
        @WithDefault("60")
        int minSeconds();

        @WithDefault("180")
        int maxSeconds();

        /** Plans of the breaks due within this much real time are fetched before they are due. */
        @WithDefault("PT30S")
        Duration prefetchAhead();

        /** How often the breaks due next are looked at for plans not cached yet. */
        @WithDefault("PT1S")
        Duration prefetchEvery();

        /** How many of the breaks due next one look reads (plans are shared: a few rows name every profile). */
        @WithDefault("2000")
        int prefetchSample();
    }

    interface Roster {
        /** Keycloak base URL (without /realms/...). */
        String keycloakUrl();

        @WithDefault("wellness")
        String realm();

        /** Parent group whose sub-groups are teams. */
        @WithDefault("teams")
        String teamsGroup();

        /** Period of the Keycloak sync ({@code off} disables it). */
        @WithDefault("10m")
        String syncEvery();

        /** Most rows a CSV import accepts. */
        @WithDefault("50000")
        int maxImportRows();
    }

    interface Retention {
        /** How long emitted breaks and processed outcomes are kept (at least a day: snoozes look breaks up). */
        @WithDefault("P14D")
        Duration keep();

        /** Period of the pruning ({@code off} disables it). */
        @WithDefault("1h")
        String every();

        /** Rows deleted per statement, so pruning never holds long locks. */
        @WithDefault("10000")
        int batchSize();
    }

    /**
     * Local demo only, never in production: employees synced from Keycloak get a break every {@link #interval()}
     * around the clock, outside the company policy's 20-90 minute bounds, so a newcomer sees one within minutes.
     */
    interface Demo {
        @WithDefault("false")
        boolean enabled();

        @WithDefault("PT2M")
        Duration interval();
    }
}
