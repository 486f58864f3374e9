package io.wellness.scheduler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the scheduler (prefix {@code wellness.scheduler}). */
@ConfigMapping(prefix = "wellness.scheduler")
public interface SchedulerConfig {

    Clock clock();

    Emitter emitter();

    Relay relay();

    Snooze snooze();

    Plans plans();

    Roster roster();

    interface Clock {
        /** 1 = real time; 60 = one real second is one scheduler minute (local demo). */
        @WithDefault("1")
        double speed();
    }

    interface Emitter {
        @WithDefault("true")
        boolean enabled();

        /** Rows claimed per transaction. */
        @WithDefault("5000")
        int batchSize();

        /** Parallel emitting transactions in this replica (row locks keep them apart). */
        @WithDefault("2")
        int threads();

        /** Pause between polls when nothing was due. */
        @WithDefault("PT0.2S")
        Duration idlePoll();

        /** A break more overdue than this (downtime) is not sent late: the schedule jumps to the next one. */
        @WithDefault("PT2M")
        Duration lateGrace();
    }

    interface Relay {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("5000")
        int batchSize();

        /** Parallel relaying transactions in this replica. */
        @WithDefault("2")
        int threads();

        /** Producer compression of microbreaks.due (lz4: cheap on CPU, large batches compress well). */
        @WithDefault("lz4")
        String compression();

        @WithDefault("PT0.05S")
        Duration idlePoll();
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
}
